-- A room is closed when its deal is decided, won or lost (issue 17): closing asks for a reason, a closed room is
-- read-only, its buyers keep read access for a while after closed_at, and it leaves the pipeline for the archive.

alter table room add column closed_at timestamptz;
-- why the deal was won or lost, in the seller's words: shown to the seller's side only
alter table room add column close_reason varchar(1000);

-- rooms decided before closing existed: closed when last changed, without a reason
update room set closed_at = updated_at where status in ('WON', 'LOST');

alter table room add constraint room_closed_when_decided
    check ((status in ('WON', 'LOST')) = (closed_at is not null));

-- Engagement signals (issue 17): when each member opens the room, per day, and which key buyers the owner has been
-- told are quiet. Signals come from visits and reads only.

-- One row per member and day (in dealroom.time-zone) they opened the room: how many visits (a visit starts when
-- the room is opened after 30 minutes without one), and when the first and the latest began or went on. Rows are
-- not pruned: one per day a person visited is small, and the latest one is their last visit however old; they go
-- with their member.
create table member_visit (
    member_id uuid        not null references member (id) on delete cascade,
    day       date        not null,
    room_id   uuid        not null references room (id) on delete cascade,
    visits    integer     not null check (visits > 0),
    first_at  timestamptz not null,
    last_at   timestamptz not null,
    primary key (member_id, day)
);
create index member_visit_room_day_idx on member_visit (room_id, day);

-- A key buyer the owner was told has gone quiet, with their last visit then; the row goes when they are reported
-- back. Its presence is the state that makes each alert once per transition, whichever node checks.
create table engagement_alert (
    member_id  uuid        primary key references member (id) on delete cascade,
    room_id    uuid        not null references room (id) on delete cascade,
    last_visit timestamptz not null,
    alerted_at timestamptz not null
);
create index engagement_alert_room_idx on engagement_alert (room_id);

-- The owner's choice of being emailed these alerts (on unless turned off).
alter table notification_preference add column engagement_alerts boolean not null default true;

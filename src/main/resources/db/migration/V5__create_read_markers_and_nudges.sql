-- Coordination: what each member has read, which events are key updates, and nudges.

-- A key update is an event every member of its group is expected to see (announcements, sign-off requests,
-- milestone changes); who has seen it follows from the read markers below.
alter table room_event add column key_update boolean not null default false;
create index room_event_group_seq_idx on room_event (room_id, group_id, seq);
create index room_event_key_update_idx on room_event (room_id, group_id, seq) where key_update;

-- Per member and group: the newest seq the member's client has shown them. It only moves forward.
create table read_marker (
    member_id  uuid        not null references member (id) on delete cascade,
    group_id   uuid        not null references room_group (id) on delete cascade,
    room_id    uuid        not null references room (id) on delete cascade,
    last_seq   bigint      not null,
    read_at    timestamptz not null,
    primary key (member_id, group_id)
);
create index read_marker_room_idx on read_marker (room_id);

create table nudge (
    id           uuid primary key,
    room_id      uuid        not null references room (id) on delete cascade,
    member_id    uuid        not null references member (id) on delete cascade,
    topic        varchar(32) not null,
    by_member_id uuid        not null,
    -- the UTC day it was sent: at most one nudge per member, topic and day
    sent_on      date        not null,
    created_at   timestamptz not null,
    constraint nudge_once_a_day unique (member_id, topic, sent_on)
);

create index task_room_owner_idx on task (room_id, owner_member_id);
create index signoff_room_idx on signoff (room_id, status);

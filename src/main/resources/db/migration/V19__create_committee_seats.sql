-- The buying committee: a buyer-side member's buying roles and attitude, set by the room's owner and read by the
-- steering group only. One row per member who has been given any; it goes with its member.
create table committee_seat (
    member_id  uuid         primary key references member (id) on delete cascade,
    room_id    uuid         not null references room (id) on delete cascade,
    roles      varchar(32)[] not null,
    attitude   varchar(16),
    updated_at timestamptz  not null
);
create index committee_seat_room_idx on committee_seat (room_id);

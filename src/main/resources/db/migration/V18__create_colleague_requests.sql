-- A buyer's request to bring a colleague into the room (colleague.ColleagueRequestService): pending until the owner
-- or a decision-maker approves it (which adds the member and sends their invitation) or declines it, or until its
-- requester withdraws it. The requester's requests go with them when they leave the room.
create table colleague_request (
    id           uuid         primary key,
    room_id      uuid         not null references room (id) on delete cascade,
    requester_id uuid         not null references member (id) on delete cascade,
    email        varchar(254) not null,
    name         varchar(200) not null,
    -- the groups asked for, among the requester's own (always with everyone)
    group_ids    uuid[]       not null default '{}',
    status       varchar(16)  not null,
    -- why it was declined, if the decider said
    reason       varchar(1000),
    decided_by   uuid         references member (id) on delete set null,
    -- the member an approval added
    member_id    uuid         references member (id) on delete set null,
    created_at   timestamptz  not null,
    decided_at   timestamptz
);

-- the room's requests, newest first
create index colleague_request_room on colleague_request (room_id, created_at desc);
-- one pending request per person and room: a second one for the same address is refused
create unique index colleague_request_pending_email on colleague_request (room_id, email) where status = 'PENDING';
create index colleague_request_requester on colleague_request (requester_id);
create index colleague_request_decided_by on colleague_request (decided_by);
create index colleague_request_member on colleague_request (member_id);

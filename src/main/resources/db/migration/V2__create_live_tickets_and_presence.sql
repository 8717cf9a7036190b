-- Live delivery: single-use WebSocket tickets for browsers, and who is online on which node.

create table live_ticket (
    -- SHA-256 of the ticket, hex; the ticket itself is never stored
    hash       varchar(64) primary key,
    room_id    uuid         not null references room (id) on delete cascade,
    subject    varchar(255) not null,
    email      varchar(254) not null,
    name       varchar(200) not null,
    expires_at timestamptz  not null
);
create index live_ticket_expires_idx on live_ticket (expires_at);

create table presence (
    node_id   uuid        not null,
    room_id   uuid        not null references room (id) on delete cascade,
    member_id uuid        not null references member (id) on delete cascade,
    seen_at   timestamptz not null,
    primary key (node_id, room_id, member_id)
);
create index presence_room_idx on presence (room_id);

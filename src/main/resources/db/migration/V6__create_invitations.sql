-- Invitations: a single-use link per added member, stored as the SHA-256 of its token only.
-- Removing the member removes their invitations (and so kills their links).

create table invitation (
    id          uuid primary key,
    room_id     uuid not null references room (id) on delete cascade,
    member_id   uuid not null references member (id) on delete cascade,
    email       varchar(254) not null,
    token_hash  varchar(64) not null unique,
    invited_by  uuid references member (id) on delete set null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    claimed_at  timestamptz,
    claimed_by  varchar(255),
    revoked_at  timestamptz
);

create index invitation_room on invitation (room_id, created_at);
create index invitation_member on invitation (member_id);

-- Rooms, their members and groups, and the room event log (DESIGN.md: invariants 1 and 2).

create table room (
    id                   uuid primary key,
    name                 varchar(200)   not null,
    prospect_account     varchar(200)   not null,
    amount               numeric(15, 2),
    currency             varchar(3),
    target_decision_date date           not null,
    stage                varchar(32)    not null,
    status               varchar(32)    not null,
    -- the seq of the room's newest event; bumped in the transaction that appends it
    last_seq             bigint         not null default 0,
    created_at           timestamptz    not null,
    updated_at           timestamptz    not null,
    constraint room_amount_has_currency check ((amount is null) = (currency is null)),
    constraint room_amount_not_negative check (amount >= 0)
);

create table member (
    id             uuid primary key,
    room_id        uuid         not null references room (id) on delete cascade,
    -- lower-cased; a login acts as the member whose email its token carries, verified
    email          varchar(254) not null,
    name           varchar(200) not null,
    side           varchar(16)  not null,
    title          varchar(200),
    decision_maker boolean      not null,
    owner          boolean      not null,
    added_at       timestamptz  not null,
    constraint member_email_unique_in_room unique (room_id, email)
);
-- "my rooms": every room whose members include the caller's email
create index member_email_idx on member (email);
create unique index member_one_owner_per_room on member (room_id) where owner;

create table room_group (
    id         uuid primary key,
    room_id    uuid         not null references room (id) on delete cascade,
    -- stable key of the default groups (everyone, steering, proof, ...); null for groups people add
    key        varchar(64),
    name       varchar(100) not null,
    kind       varchar(16)  not null,
    created_at timestamptz  not null,
    constraint room_group_key_unique_in_room unique (room_id, key)
);

create table group_member (
    group_id  uuid        not null references room_group (id) on delete cascade,
    member_id uuid        not null references member (id) on delete cascade,
    added_at  timestamptz not null,
    primary key (group_id, member_id)
);
-- "the groups I am in", asked by the access policy on every request
create index group_member_member_idx on group_member (member_id);

create table room_event (
    room_id         uuid         not null references room (id) on delete cascade,
    seq             bigint       not null,
    type            varchar(64)  not null,
    -- null for room-level events, which every member may see
    group_id        uuid,
    actor_member_id uuid,
    actor_name      varchar(200) not null,
    at              timestamptz  not null,
    data            jsonb        not null,
    primary key (room_id, seq)
);

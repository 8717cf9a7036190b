-- What groups work with: discussion, the mutual action plan, sign-offs and documents; and idempotent creates.

create table idempotency_key (
    subject      varchar(255) not null,
    operation    varchar(64)  not null,
    key          varchar(64)  not null,
    -- SHA-256 of the request, so a key reused for a different request is refused
    request_hash varchar(64)  not null,
    response     jsonb        not null,
    created_at   timestamptz  not null,
    primary key (subject, operation, key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);

create table post (
    id               uuid primary key,
    room_id          uuid          not null references room (id) on delete cascade,
    group_id         uuid          not null references room_group (id) on delete cascade,
    -- the event seq of its creation: a stable, gapless-per-room order for cursor pagination
    seq              bigint        not null,
    parent_id        uuid references post (id),
    author_member_id uuid          not null,
    author_name      varchar(200)  not null,
    body             varchar(10000),
    mentions         uuid[]        not null default '{}',
    announcement     boolean       not null,
    created_at       timestamptz   not null,
    edited_at        timestamptz,
    deleted_at       timestamptz
);
create index post_group_seq_idx on post (group_id, seq desc);

create table task (
    id               uuid primary key,
    room_id          uuid          not null references room (id) on delete cascade,
    group_id         uuid          not null references room_group (id) on delete cascade,
    title            varchar(200)  not null,
    description      varchar(5000),
    owner_member_id  uuid,
    due_date         date,
    status           varchar(16)   not null,
    blocked_reason   varchar(500),
    milestone        boolean       not null,
    position         integer       not null,
    created_by       uuid          not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null
);
create index task_group_idx on task (group_id, position);
create index task_room_due_idx on task (room_id, due_date);

create table signoff (
    id               uuid primary key,
    room_id          uuid          not null references room (id) on delete cascade,
    group_id         uuid          not null references room_group (id) on delete cascade,
    title            varchar(200)  not null,
    description      varchar(5000),
    author_member_id uuid          not null,
    status           varchar(16)   not null,
    created_at       timestamptz   not null,
    closed_at        timestamptz
);
create index signoff_group_idx on signoff (group_id, created_at);

create table signoff_approver (
    signoff_id uuid         not null references signoff (id) on delete cascade,
    member_id  uuid         not null,
    decision   varchar(16),
    comment    varchar(2000),
    decided_at timestamptz,
    primary key (signoff_id, member_id)
);

create table document (
    id         uuid primary key,
    room_id    uuid         not null references room (id) on delete cascade,
    group_id   uuid         not null references room_group (id) on delete cascade,
    name       varchar(255) not null,
    created_by uuid         not null,
    created_at timestamptz  not null,
    constraint document_name_unique_in_group unique (group_id, name)
);

create table document_version (
    document_id  uuid         not null references document (id) on delete cascade,
    version      integer      not null,
    -- the content, as a PostgreSQL large object
    content_oid  oid          not null,
    size         bigint       not null,
    sha256       varchar(64)  not null,
    content_type varchar(127) not null,
    uploaded_by  uuid         not null,
    uploaded_at  timestamptz  not null,
    primary key (document_id, version)
);

create table document_view (
    document_id uuid        not null references document (id) on delete cascade,
    version     integer     not null,
    member_id   uuid        not null,
    viewed_at   timestamptz not null
);
create index document_view_document_idx on document_view (document_id, viewed_at);

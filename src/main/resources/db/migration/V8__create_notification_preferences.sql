-- Email notifications: each member's choices per room (no row: everything on), and the digests sent, one
-- per member and day at most (the primary key decides, whichever node runs the job).

create table notification_preference (
    member_id        uuid primary key references member (id) on delete cascade,
    mentions         boolean not null,
    nudges           boolean not null,
    signoff_requests boolean not null,
    digest           boolean not null
);

create table digest_sent (
    member_id uuid not null references member (id) on delete cascade,
    day       date not null,
    primary key (member_id, day)
);

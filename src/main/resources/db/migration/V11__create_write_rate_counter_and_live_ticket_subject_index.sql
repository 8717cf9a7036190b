-- The write rate of each login (common.RateLimits): how many write requests it made in the current minute. One row
-- per login, reset when a new minute starts; every node counts in the same row.
create table write_rate_counter (
    subject      varchar(255) primary key,
    window_start timestamptz not null,
    writes       integer     not null
);

-- The unused tickets of one login, counted before it is issued another (common.RateLimits: live tickets per login).
create index live_ticket_subject_idx on live_ticket (subject);

-- A person's secret calendar feed (issue 18, calendar.CalendarService): one per verified email, the key that makes
-- them a member, so one subscription covers every room they are in, now and later. Only the SHA-256 of the feed's
-- secret is kept: the link is shown once, when it is made; a new one replaces it, revoking deletes the row.
create table calendar_feed (
    email       varchar(254) primary key,
    -- the login that made it: the feed is read as that login would read its rooms
    subject     text         not null,
    secret_hash char(64)     not null unique,
    -- the feed's texts when the person never chose a language (person_language wins): the page's language then
    language    text         not null check (language in ('en', 'fr')),
    created_at  timestamptz  not null
);

-- The feed's one query: the dated tasks of the person's groups (milestones, and theirs).
create index task_group_due_idx on task (group_id, due_date) where due_date is not null;

-- The language each person chose for the page and their emails, across rooms: keyed by the verified email that
-- makes them a member (lower case, as members store it). No row: they never chose.
create table person_language (
    email     text primary key,
    language  text not null check (language in ('en', 'fr')),
    chosen_at timestamptz not null
);

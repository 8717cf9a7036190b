-- A ticket carries when the login it was issued to expires, so that the socket it opens closes then.
alter table live_ticket add column session_ends_at timestamptz;

-- When the member was first in the room: their invitation used, or a live connection of theirs opened (every
-- screen of the web page opens one). Null until then; a change of theirs in the log or a read marker also shows
-- they have joined (InvitationService).
alter table member add column joined_at timestamptz;

update member m set joined_at = (select min(i.claimed_at) from invitation i where i.member_id = m.id);

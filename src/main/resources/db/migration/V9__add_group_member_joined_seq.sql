-- When a member was put in a group, as a place in the room's log: the room's newest seq at that moment. Key
-- updates up to it were published before they joined, so nobody expects them to have seen those.
alter table group_member add column joined_seq bigint not null default 0;

-- Memberships from before: the newest event of the room at the time they were added.
update group_member gm
set joined_seq = coalesce((select max(e.seq) from room_event e join room_group g on g.room_id = e.room_id
                           where g.id = gm.group_id and e.at <= gm.added_at), 0);

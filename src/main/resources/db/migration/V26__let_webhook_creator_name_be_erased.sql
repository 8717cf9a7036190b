-- A webhook's creator may be erased from the room (member.ErasureService): their name goes, as it goes from the
-- posts and the events they wrote; the subscription stays, disabled, for the managers to delete.
alter table webhook alter column created_by_name drop not null;

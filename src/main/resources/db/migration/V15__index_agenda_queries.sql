-- "What I owe" (GET /api/me/agenda) reads, for one person, the sign-offs waiting for them and the posts that
-- mention them across all their rooms.

-- the open decisions of a member: approvers are otherwise reached only through their sign-off
create index signoff_approver_pending_idx on signoff_approver (member_id) where decision is null;
-- posts whose mentions include one of the member ids of a person (mentions && array[...])
create index post_mentions_idx on post using gin (mentions);

package dev.dealroom.group;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class GroupMembershipRepository implements PanacheRepositoryBase<GroupMembership, GroupMembership.Key> {

    /** The memberships of these groups (already scoped to one room and to what the caller may see). */
    public List<GroupMembership> listInGroups(Collection<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return list("groupId in ?1", groupIds);
    }

    public List<UUID> groupIdsOf(UUID memberId) {
        return find("select gm.groupId from GroupMembership gm where gm.memberId = ?1", memberId)
                .project(UUID.class).list();
    }

    /**
     * Puts the member in the group unless they are in it; true when this call added them. A copy arriving at the
     * same moment waits for the first to commit and then adds nothing, so one add is one change.
     */
    public boolean add(UUID groupId, UUID memberId, Instant at) {
        // joined after the room's newest event, as enrol() records it
        return getEntityManager().createNativeQuery("insert into group_member (group_id, member_id, added_at, joined_seq)"
                + " select g.id, ?2, ?3, r.last_seq from room_group g join room r on r.id = g.room_id where g.id = ?1"
                + " on conflict do nothing")
                .setParameter(1, groupId).setParameter(2, memberId).setParameter(3, at).executeUpdate() == 1;
    }

    /** Takes the member out of the group; true when this call removed them (copies at once remove once). */
    public boolean remove(UUID groupId, UUID memberId) {
        return delete("groupId = ?1 and memberId = ?2", groupId, memberId) == 1;
    }

    /** The room's newest seq (0 for a room not written yet): someone put in a group now joins after it. */
    public long roomSeq(UUID roomId) {
        return ((Number) getEntityManager()
                .createNativeQuery("select coalesce((select last_seq from room where id = ?1), 0)")
                .setParameter(1, roomId).getSingleResult()).longValue();
    }

    public void deleteOfMember(UUID memberId) {
        delete("memberId", memberId);
    }
}

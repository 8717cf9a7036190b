package dev.dealroom.group;

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

    public boolean isMember(UUID groupId, UUID memberId) {
        return count("groupId = ?1 and memberId = ?2", groupId, memberId) > 0;
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

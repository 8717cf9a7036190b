package dev.dealroom.group;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<RoomGroup, UUID> {

    /** The room's groups among these ids (the caller's own). */
    public List<RoomGroup> listVisible(UUID roomId, Collection<UUID> visibleGroupIds) {
        if (visibleGroupIds.isEmpty()) {
            return List.of();
        }
        return list("roomId = ?1 and id in ?2", roomId, visibleGroupIds);
    }

    public RoomGroup findInRoom(UUID roomId, UUID groupId) {
        return find("roomId = ?1 and id = ?2", roomId, groupId).singleResult();
    }

    public RoomGroup findByKey(UUID roomId, DefaultGroup group) {
        return find("roomId = ?1 and key = ?2", roomId, group.key()).singleResult();
    }
}

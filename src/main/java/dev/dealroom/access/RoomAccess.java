package dev.dealroom.access;

import java.util.Set;
import java.util.UUID;

/**
 * A caller admitted into a room: who they are there and the groups they are in at this moment.
 * Every read of group content is scoped by {@link #groupIds()}.
 */
public record RoomAccess(UUID roomId, RoomMember me, Set<UUID> groupIds) {

    public RoomAccess {
        groupIds = Set.copyOf(groupIds);
    }

    public boolean sees(UUID groupId) {
        return groupIds.contains(groupId);
    }
}

package dev.dealroom.access;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The membership facts the access policy decides on; one read model, so the policy can be unit-tested. */
public interface MembershipLookup {

    Optional<RoomMember> memberByEmail(UUID roomId, String email);

    Optional<RoomMember> memberById(UUID roomId, UUID memberId);

    /** The groups of the room the member is in now. */
    Set<UUID> groupIdsOf(UUID memberId);

    /** The group of the room with this id or, for default groups, this key — whoever may see it. */
    Optional<UUID> groupId(UUID roomId, String idOrKey);
}

package dev.dealroom.access;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.Ids;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;

/**
 * The one place that decides who sees what (invariant 1 of DESIGN.md): a person sees a room only as one of
 * its members and a group only while in it. Nobody bypasses this, not the owner. Whatever a caller may not
 * see answers exactly like something that does not exist.
 */
@ApplicationScoped
public class AccessPolicy {

    private final MembershipLookup lookup;

    public AccessPolicy(MembershipLookup lookup) {
        this.lookup = lookup;
    }

    /** Admits the caller into the room as its member, or answers 404. */
    public RoomAccess enterRoom(Caller caller, String roomId) {
        UUID room = Ids.parse(roomId).orElseThrow(ApiException::notFound);
        RoomMember me = caller.memberEmail()
                .flatMap(email -> lookup.memberByEmail(room, email))
                .orElseThrow(ApiException::notFound);
        return new RoomAccess(room, me, lookup.groupIdsOf(me.id()));
    }

    /** The group, by id or default key, if the caller is in it; otherwise 404. */
    public UUID enterGroup(RoomAccess access, String groupRef) {
        return lookup.groupId(access.roomId(), groupRef)
                .filter(access::sees)
                .orElseThrow(ApiException::notFound);
    }

    /** Another member of the same room; members of a room see each other, through the everyone group. */
    public RoomMember member(RoomAccess access, String memberId) {
        return Ids.parse(memberId)
                .flatMap(id -> lookup.memberById(access.roomId(), id))
                .orElseThrow(ApiException::notFound);
    }

    /** Owner and decision-makers manage the room; other members get 403 (they know the room exists). */
    public void requireManager(RoomAccess access) {
        if (!access.me().manager()) {
            throw new ApiException(ProblemCode.FORBIDDEN,
                    "Only the room owner and the decision-makers can do this");
        }
    }
}

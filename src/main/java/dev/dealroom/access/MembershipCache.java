package dev.dealroom.access;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.Ids;

/**
 * What this node last found when it admitted a login into a group: which member the login is in the room and which
 * group the request's reference names. A hot write reads it instead of asking the database, and folds the check
 * itself into its statement ({@link AccessPolicy#ADMITTED_TO_GROUP}): what is remembered here is a claim the
 * statement verifies, never a decision, so a member removed or renamed on any node is refused by the very statement
 * that would have written (the writer then takes the ordinary path, which answers as {@link AccessPolicy} does and
 * remembers afresh). Nothing here needs to be invalidated for correctness; the map is bounded by dropping it whole
 * when it is full, which only costs the next writes their lookups.
 */
@ApplicationScoped
public class MembershipCache {

    /** A login's claim to write in a group, to be verified by the write's own statement. */
    public record GroupClaim(UUID roomId, UUID groupId, RoomMember me, String email) {
    }

    private record Key(String subject, UUID roomId, String groupRef) {
    }

    static final int MAX_ENTRIES = 100_000;

    private final Map<Key, GroupClaim> claims = new ConcurrentHashMap<>();

    /** The claim remembered for this caller, room and group reference, if any. */
    public Optional<GroupClaim> claim(Caller caller, String roomId, String groupRef) {
        if (caller.memberEmail().isEmpty()) {
            return Optional.empty();
        }
        return Ids.parse(roomId).map(room -> claims.get(new Key(caller.subject(), room, groupRef)))
                .filter(claim -> claim.email().equals(caller.memberEmail().get()));
    }

    /** Remembers what {@link AccessPolicy#enterGroup} admitted {@code caller} into for {@code groupRef}. */
    public void remember(Caller caller, String groupRef, GroupAccess admitted) {
        caller.memberEmail().ifPresent(email -> {
            if (claims.size() >= MAX_ENTRIES) {
                claims.clear();
            }
            claims.put(new Key(caller.subject(), admitted.roomId(), groupRef),
                    new GroupClaim(admitted.roomId(), admitted.groupId(), admitted.me(), email));
        });
    }

    /**
     * Forgets every claim of a member who has left the room (an erasure): not needed for correctness, as said above,
     * but nothing of theirs should stay behind in this node's memory either.
     */
    public void forgetMember(UUID memberId) {
        claims.values().removeIf(claim -> claim.me().id().equals(memberId));
    }

    /** Forgets a claim its statement refused, so that the next write looks again. */
    public void forget(Caller caller, GroupClaim claim, String groupRef) {
        claims.remove(new Key(caller.subject(), claim.roomId(), groupRef), claim);
    }
}

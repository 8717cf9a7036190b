package dev.dealroom.access;

import java.time.Instant;
import java.util.UUID;

/**
 * What the access policy knows of a room member: enough to decide, nothing to display.
 *
 * @param seller       whether the member is on the seller's side of the deal
 * @param roomClosedAt when the member's room was closed (its deal won or lost), or null while it is not: a closed
 *                     room is read-only, and its buyers read it only for a while
 */
public record RoomMember(UUID id, UUID roomId, String name, boolean owner, boolean decisionMaker, boolean seller,
        Instant roomClosedAt) {

    /** A member of a room that is not closed. */
    public RoomMember(UUID id, UUID roomId, String name, boolean owner, boolean decisionMaker, boolean seller) {
        this(id, roomId, name, owner, decisionMaker, seller, null);
    }

    /** Owner and decision-makers: the steering group, who see every group's figures. */
    public boolean manager() {
        return owner || decisionMaker;
    }
}

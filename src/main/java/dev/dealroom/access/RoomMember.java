package dev.dealroom.access;

import java.util.UUID;

/**
 * What the access policy knows of a room member: enough to decide, nothing to display.
 *
 * @param seller whether the member is on the seller's side of the deal
 */
public record RoomMember(UUID id, UUID roomId, String name, boolean owner, boolean decisionMaker, boolean seller) {

    /** Owner and decision-makers manage the room's members and groups. */
    public boolean manager() {
        return owner || decisionMaker;
    }
}

package dev.dealroom.access;

import java.util.UUID;

/** What the access policy knows of a room member: enough to decide, nothing to display. */
public record RoomMember(UUID id, UUID roomId, String name, boolean owner, boolean decisionMaker) {

    /** Owner and decision-makers manage the room's members and groups. */
    public boolean manager() {
        return owner || decisionMaker;
    }
}

package dev.dealroom.access;

import java.util.UUID;

/** A caller admitted into one group of a room: every read and write of the group's content starts here. */
public record GroupAccess(RoomAccess room, UUID groupId) {

    public UUID roomId() {
        return room.roomId();
    }

    public RoomMember me() {
        return room.me();
    }
}

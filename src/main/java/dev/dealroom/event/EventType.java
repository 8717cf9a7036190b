package dev.dealroom.event;

/**
 * Every kind of change a room records, declared once. Each event is one row of the room's log with a
 * gapless per-room {@code seq}; room-level events (no group) reach every member of the room, group events
 * only the members of that group at the moment of delivery.
 */
public enum EventType {

    /** The room was opened. Payload: the room ({@code RoomDetails}). Room-level: every member. */
    ROOM_CREATED("room.created"),

    /** Stage, status or target decision date changed. Payload: the room after the change. Room-level. */
    ROOM_UPDATED("room.updated"),

    /**
     * A person joined the room. Payload: the member and {@code groupIds}, the groups they were put in. Room-level;
     * a delivery must narrow {@code groupIds} to the recipient's own groups.
     */
    MEMBER_ADDED("member.added"),

    /** A person left the room, with all their group memberships. Payload: {@code memberId}, {@code name}. Room-level. */
    MEMBER_REMOVED("member.removed"),

    /** A group was added to the room. Payload: the group with its members. Group event: its members. */
    GROUP_CREATED("group.created"),

    /** A member was put in a group. Payload: {@code groupId}, {@code memberId}. Group event: its members. */
    GROUP_MEMBER_ADDED("group.member_added"),

    /**
     * A member was taken out of a group. Payload: {@code groupId}, {@code memberId}. Group event: its members,
     * and the removed member, who must learn the group is gone from their view.
     */
    GROUP_MEMBER_REMOVED("group.member_removed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code type} of the event envelope. */
    public String wireName() {
        return wireName;
    }
}

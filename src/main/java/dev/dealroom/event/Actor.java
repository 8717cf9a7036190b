package dev.dealroom.event;

import java.util.UUID;

import dev.dealroom.access.RoomMember;

/** Who made a change: the member and the name they had at that moment. */
public record Actor(UUID memberId, String name) {

    public static Actor of(RoomMember member) {
        return new Actor(member.id(), member.name());
    }
}

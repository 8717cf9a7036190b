package dev.dealroom.room;

import java.util.List;

import dev.dealroom.group.GroupView;
import dev.dealroom.member.MemberView;

/**
 * A room as one member sees it.
 *
 * @param room   the room's fields
 * @param me     the caller's membership
 * @param groups the groups the caller is in, and only those
 * @param seq    the seq of the room's newest event: a client that loads this view resumes live updates after it
 */
public record RoomView(RoomSummary room, MemberView me, List<GroupView> groups, long seq) {
}

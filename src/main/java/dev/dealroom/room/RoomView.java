package dev.dealroom.room;

import java.time.Instant;
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
 * @param may    the actions the caller may take by their standing in the room ({@code task.order}); on an item they
 *               wrote, are assigned or are asked to approve, the access policy's table ({@code ACTIONS} in the web
 *               page's catalogue) adds what that relation allows
 * @param closeReason why the deal was won or lost, for the seller's side; null for the buyer's and while open
 * @param readUntil   for the buyer's side of a closed room, when their access to it ends; null otherwise
 */
public record RoomView(RoomSummary room, MemberView me, List<GroupView> groups, long seq, List<String> may,
        String closeReason, Instant readUntil) {
}

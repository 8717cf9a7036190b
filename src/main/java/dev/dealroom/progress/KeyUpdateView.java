package dev.dealroom.progress;

import java.time.Instant;
import java.util.List;

import dev.dealroom.event.Actor;

/**
 * A key update of one of the caller's groups, and who has seen it.
 *
 * @param seenBy    members of the group who have seen it (its author among them)
 * @param notSeenBy members who were in the group when it was published and have not seen it yet
 */
public record KeyUpdateView(long seq, String type, String groupId, Actor actor, Instant at, List<String> seenBy,
        List<String> notSeenBy) {
}

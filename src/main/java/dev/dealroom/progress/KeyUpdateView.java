package dev.dealroom.progress;

import java.time.Instant;
import java.util.List;

import dev.dealroom.event.Actor;

/** A key update of one of the caller's groups, and which of the group's members have seen it. */
public record KeyUpdateView(long seq, String type, String groupId, Actor actor, Instant at, List<String> seenBy,
        List<String> notSeenBy) {
}

package dev.dealroom.event;

import java.util.UUID;

/**
 * Fired by {@link EventLog} for each append; observed after the transaction commits, to wake live delivery and
 * to send the notifications an event calls for.
 *
 * @param data the payload as stored, JSON
 */
public record EventCommitted(UUID roomId, long seq, EventType type, UUID groupId, Actor actor, String data) {
}

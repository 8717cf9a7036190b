package dev.dealroom.event;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event as clients receive it, over the WebSocket and from {@code GET /api/rooms/{id}/events}.
 *
 * @param seq     its place in the room's log: one more than the event before it
 * @param type    an {@link EventType#wireName()}
 * @param groupId the group whose members receive it, or null for a room-level event
 * @param data    the payload, shaped by {@link EventType#payload()}
 */
public record EventEnvelope(long seq, String type, UUID roomId, UUID groupId, Actor actor, Instant at,
        JsonNode data) {

    public EventEnvelope withData(JsonNode replacement) {
        return new EventEnvelope(seq, type, roomId, groupId, actor, at, replacement);
    }
}

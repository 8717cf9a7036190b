package dev.dealroom.event;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fired by {@link EventLog} for each append. Live delivery observes it after the transaction commits; the notifier
 * observes it inside the transaction, to queue the emails the event calls for in the outbox. A change that commits its
 * event in a statement of its own ({@code common.OneStatement}) fires it after its commit.
 *
 * @param at   when it happened, to the microsecond as the log stores it
 * @param data the payload as stored, JSON
 */
public record EventCommitted(UUID roomId, long seq, EventType type, UUID groupId, Actor actor, Instant at, String data) {

    /** The event as clients receive it, with its payload parsed once. */
    public EventEnvelope envelope(ObjectMapper json) throws JsonProcessingException {
        return new EventEnvelope(seq, type.wireName(), roomId, groupId, actor, at, json.readTree(data));
    }
}

package dev.dealroom.event;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
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

    /**
     * The same JSON as {@link #envelope}'s, written around the payload as stored instead of parsing it and writing it
     * again: what live delivery sends. Compact, as the log's readers get it: a payload read back from a statement
     * comes in PostgreSQL's layout ({@code {"a": 1, "b": 2}}), whose spaces are left out.
     */
    public byte[] wireJson(ObjectMapper json) throws JsonProcessingException {
        return json.writeValueAsBytes(new Wire(seq, type.wireName(), roomId, groupId, actor, at, compact(data)));
    }

    /** JSON text without whitespace between its tokens; text that has none is returned as it is. */
    static String compact(String json) {
        StringBuilder out = null;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                if (out == null) {
                    out = new StringBuilder(json.length()).append(json, 0, i);
                }
                continue;
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    /** {@link EventEnvelope}'s shape, with the payload copied in as it is. */
    private record Wire(long seq, String type, UUID roomId, UUID groupId, Actor actor, Instant at,
            @JsonRawValue String data) {
    }
}

package dev.dealroom.event.live;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventEnvelope;

/**
 * An event on its way to a room's connections: what its drain routes it by, and — made once, when first needed —
 * its frame for everyone who receives it unchanged and its parsed envelope for the recipients who get a copy of
 * their own. An event committed on this node is never parsed on the way unless one of those needs it: its frame is
 * written around the payload as stored. Only the room's drain touches the lazy parts (one thread at a time).
 */
final class Outbound {

    final long seq;
    final String type;
    final UUID roomId;
    final UUID groupId;
    private final EventCommitted committed;
    private EventEnvelope envelope;
    private Frame frame;

    private Outbound(long seq, String type, UUID roomId, UUID groupId, EventCommitted committed,
            EventEnvelope envelope) {
        this.seq = seq;
        this.type = type;
        this.roomId = roomId;
        this.groupId = groupId;
        this.committed = committed;
        this.envelope = envelope;
    }

    /** An event read from the log. */
    static Outbound read(EventEnvelope event) {
        return new Outbound(event.seq(), event.type(), event.roomId(), event.groupId(), null, event);
    }

    /** An event handed over by its commit on this node. */
    static Outbound committed(EventCommitted event) {
        return new Outbound(event.seq(), event.type().wireName(), event.roomId(), event.groupId(), event, null);
    }

    /** Whether it was handed over by its commit here (rather than read from the log). */
    boolean handedOver() {
        return committed != null;
    }

    EventEnvelope envelope(ObjectMapper json) throws JsonProcessingException {
        if (envelope == null) {
            envelope = committed.envelope(json);
        }
        return envelope;
    }

    Frame frame(ObjectMapper json) throws JsonProcessingException {
        if (frame == null) {
            frame = Frame.utf8(committed != null ? committed.wireJson(json) : json.writeValueAsBytes(envelope));
        }
        return frame;
    }
}

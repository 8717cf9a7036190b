package dev.dealroom.event;

import java.util.List;

/**
 * A stretch of a room's log, as one member may see it.
 *
 * @param resync true when {@code since} is older than the log keeps: reload the room's state and continue from
 *               {@code seq}; {@code events} is then empty
 * @param seq    the seq to ask from next time: the last event returned, or the room's newest seq
 * @param events the visible events after {@code since}, in order, at most {@code limit}
 */
public record EventPage(boolean resync, long seq, List<EventEnvelope> events) {
}

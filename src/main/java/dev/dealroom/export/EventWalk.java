package dev.dealroom.export;

import java.io.IOException;

import dev.dealroom.access.Caller;
import dev.dealroom.event.EventEnvelope;
import dev.dealroom.event.EventPage;
import dev.dealroom.event.EventService;

/** The events of a room a member may see, as {@code GET /api/rooms/{id}/events} gives them, read page by page. */
final class EventWalk {

    interface Visitor {
        void visit(EventEnvelope event) throws IOException;
    }

    private EventWalk() {
    }

    /** Every visible event the log still holds, up to {@code untilSeq}, in order. */
    static void each(EventService events, Caller caller, String roomId, long untilSeq, Visitor visitor)
            throws IOException {
        long since = events.keptSince(caller, roomId);
        while (since < untilSeq) {
            EventPage page = events.after(caller, roomId, since, EventService.MAX_PAGE);
            if (page.resync() || page.seq() <= since) {
                return;
            }
            for (EventEnvelope event : page.events()) {
                if (event.seq() <= untilSeq) {
                    visitor.visit(event);
                }
            }
            since = page.seq();
        }
    }
}

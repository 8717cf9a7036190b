package dev.dealroom.event;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.i18n.Text;

/** The replay of a room's log over REST: the same events, filtered the same way, as the WebSocket sends. */
@ApplicationScoped
public class EventService {

    /** The most events one page holds. */
    public static final int MAX_PAGE = 1000;

    private final EventReader reader;
    private final AccessPolicy access;

    public EventService(EventReader reader, AccessPolicy access) {
        this.reader = reader;
        this.access = access;
    }

    /** The {@code since} from which the room's log still holds every event: where a full replay starts. */
    @Transactional
    public long keptSince(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        return reader.bounds(room.roomId()).oldest() - 1;
    }

    @Transactional
    public EventPage after(Caller caller, String roomId, long since, int limit) {
        if (since < 0) {
            throw ApiException.invalidField("since", "out-of-range", Text.of("field.since"));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalidField("limit", "out-of-range", Text.of("field.limit", "max", MAX_PAGE));
        }
        RoomAccess room = access.enterRoom(caller, roomId);
        EventReader.LogBounds bounds = reader.bounds(room.roomId());
        if (bounds.mustResync(since)) {
            return new EventPage(true, bounds.last(), List.of());
        }
        // Read page by page until `limit` visible events or the end: hidden events must not end a page early.
        List<EventEnvelope> visible = new ArrayList<>();
        long position = since;
        while (visible.size() < limit) {
            List<EventEnvelope> batch = reader.after(room.roomId(), position, limit);
            for (EventEnvelope event : batch) {
                if (visible.size() == limit) {
                    break;
                }
                access.visibleEvent(room, event).ifPresent(visible::add);
                position = event.seq();
            }
            if (batch.size() < limit) {
                break;
            }
        }
        return new EventPage(false, position, visible);
    }
}

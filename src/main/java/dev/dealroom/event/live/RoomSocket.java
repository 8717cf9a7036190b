package dev.dealroom.event.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.event.CloseCode;
import dev.dealroom.progress.ReadService;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * {@code /ws/rooms/{roomId}?since=N}: the room's events as its member may see them — first every event after
 * {@code since}, then live ones — plus presence. Admission (token or ticket, membership, origin) happens at the
 * HTTP upgrade, in {@link RoomSocketAdmission}. Changes are made over REST; the one message clients send is a
 * read marker.
 */
@WebSocket(path = "/ws/rooms/{roomId}", endpointId = RoomSocket.ENDPOINT)
public class RoomSocket {

    static final String ENDPOINT = "room-events";

    private final RoomHub hub;
    private final ReadService reads;
    private final ObjectMapper json;

    private final Vertx vertx;
    /** Connection id → the timer that closes it when its login expires. */
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    public RoomSocket(RoomHub hub, ReadService reads, ObjectMapper json, Vertx vertx) {
        this.hub = hub;
        this.reads = reads;
        this.json = json;
        this.vertx = vertx;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        if (!hub.open(connection, connection.userData().get(RoomSocketAdmission.ACCESS),
                connection.userData().get(RoomSocketAdmission.SINCE))) {
            // Upgraded together with others past the admission's count: one too many for this login and room.
            connection.close(new CloseReason(CloseCode.TOO_MANY_SOCKETS.code(), CloseCode.TOO_MANY_SOCKETS.reason()))
                    .subscribe().with(closed -> { }, failure -> { });
            return;
        }
        Instant sessionEnds = connection.userData().get(RoomSocketAdmission.SESSION_ENDS);
        if (sessionEnds != null) {
            // The socket lives no longer than the login it was opened with; the client renews and resumes.
            long delay = Math.max(1, Duration.between(Instant.now(), sessionEnds).toMillis());
            expiries.put(connection.id(), vertx.setTimer(delay, timer -> {
                expiries.remove(connection.id());
                connection.close(new CloseReason(CloseCode.SESSION_EXPIRED.code(), CloseCode.SESSION_EXPIRED.reason()))
                        .subscribe().with(closed -> { }, failure -> { });
            }));
        }
    }

    /**
     * The only message a client sends: {@code {"type":"read","groupId":"...","seq":N}}, marking a group read
     * as the REST {@code PUT .../read} does. Anything else is ignored.
     */
    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        hub.access(connection.id()).ifPresent(access -> {
            try {
                JsonNode message = json.readTree(text);
                if ("read".equals(message.path("type").asText()) && message.path("seq").canConvertToLong()) {
                    reads.markRead(access, message.path("groupId").asText(), message.path("seq").asLong());
                }
            } catch (JsonProcessingException | ApiException ignored) {
                // A malformed message or a group not theirs changes nothing and tells nothing.
            }
        });
    }

    @OnClose
    void close(WebSocketConnection connection) {
        Long expiry = expiries.remove(connection.id());
        if (expiry != null) {
            vertx.cancelTimer(expiry);
        }
        hub.close(connection.id());
    }
}

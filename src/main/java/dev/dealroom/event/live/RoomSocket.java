package dev.dealroom.event.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.progress.ReadService;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

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

    public RoomSocket(RoomHub hub, ReadService reads, ObjectMapper json) {
        this.hub = hub;
        this.reads = reads;
        this.json = json;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        hub.open(connection, connection.userData().get(RoomSocketAdmission.ACCESS),
                connection.userData().get(RoomSocketAdmission.SINCE));
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
        hub.close(connection.id());
    }
}

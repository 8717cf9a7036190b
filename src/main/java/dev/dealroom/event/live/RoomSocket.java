package dev.dealroom.event.live;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * {@code /ws/rooms/{roomId}?since=N}: the room's events as its member may see them — first every event after
 * {@code since}, then live ones — plus presence. Admission (token or ticket, membership, origin) happens at the
 * HTTP upgrade, in {@link RoomSocketAdmission}. The socket only sends: changes are made over REST.
 */
@WebSocket(path = "/ws/rooms/{roomId}", endpointId = RoomSocket.ENDPOINT)
public class RoomSocket {

    static final String ENDPOINT = "room-events";

    private final RoomHub hub;

    public RoomSocket(RoomHub hub) {
        this.hub = hub;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        hub.open(connection, connection.userData().get(RoomSocketAdmission.ACCESS),
                connection.userData().get(RoomSocketAdmission.SINCE));
    }

    @OnClose
    void close(WebSocketConnection connection) {
        hub.close(connection.id());
    }
}

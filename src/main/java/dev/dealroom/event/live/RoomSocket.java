package dev.dealroom.event.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.event.CloseCode;
import dev.dealroom.progress.ReadService;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
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

    private static final Logger LOG = Logger.getLogger(RoomSocket.class);
    /** How Vert.x words its refusal of a message over the size limit (text or binary). */
    private static final String MESSAGE_TOO_BIG = "Cannot process ";

    private final RoomHub hub;
    private final ReadService reads;
    private final ObjectMapper json;

    private final Vertx vertx;
    /** Connection id → the timer that closes it when its login expires. */
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AccessPolicy access;

    public RoomSocket(RoomHub hub, ReadService reads, ObjectMapper json, Vertx vertx, Clock clock,
            AccessPolicy access) {
        this.access = access;
        this.hub = hub;
        this.reads = reads;
        this.json = json;
        this.vertx = vertx;
        this.clock = clock;
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
        // nor, for the buyer's side of a closed room, than their read window: the client's next ticket gets the 410
        Instant ends = access.readUntil(connection.userData().get(RoomSocketAdmission.ACCESS).me())
                .filter(until -> sessionEnds == null || until.isBefore(sessionEnds)).orElse(sessionEnds);
        if (ends != null) {
            // The socket lives no longer than the login it was opened with; the client renews and resumes.
            long delay = Math.max(1, Duration.between(clock.instant(), ends).toMillis());
            expiries.put(connection.id(), vertx.setTimer(delay, timer -> {
                expiries.remove(connection.id());
                connection.close(new CloseReason(CloseCode.SESSION_EXPIRED.code(), CloseCode.SESSION_EXPIRED.reason()))
                        .subscribe().with(closed -> { }, failure -> { });
            }));
        }
    }

    /**
     * The only message a client sends: {@code {"type":"read","groupId":"...","seq":N}}, marking a group read
     * as the REST {@code PUT .../read} does. Anything else is ignored, and the connection stays open: a client
     * that sends junk learns nothing and loses nothing.
     */
    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        Optional<RoomAccess> access = hub.access(connection.id());
        Optional<ReadMessage> read = ReadMessage.parse(json, text);
        if (access.isEmpty() || read.isEmpty()) {
            return;
        }
        try {
            reads.markRead(access.get(), read.get().groupRef(), read.get().seq());
        } catch (ApiException notTheirs) {
            // a group not theirs, or none: changes nothing and tells nothing
        } catch (RuntimeException e) {
            // the server's fault, not the client's: one line, and only this marker is lost, not the connection
            LOG.warnf("A read marker could not be recorded: %s", e.toString());
        }
    }

    /**
     * A frame the decoder refused: over {@code quarkus.websockets-next.server.max-frame-size}, or otherwise against
     * the protocol. Vert.x drops such a connection at once, without a close frame; this only keeps it to one line.
     */
    @OnError
    Uni<Void> refusedFrame(CorruptedWebSocketFrameException e, WebSocketConnection connection) {
        return refuse(connection, e.closeStatus().code(), e.closeStatus().reasonText(), e.getMessage());
    }

    /**
     * Vert.x reports a message over {@code quarkus.websockets-next.server.max-message-size}, in one frame or several,
     * as this exception, with nothing else to tell it by but its wording: closed with 1009 (message too big). Any
     * other is unexpected, and closed with 1011 as websockets-next would.
     */
    @OnError
    Uni<Void> failed(IllegalStateException e, WebSocketConnection connection) {
        if (e.getMessage() != null && e.getMessage().startsWith(MESSAGE_TOO_BIG)) {
            WebSocketCloseStatus tooBig = WebSocketCloseStatus.MESSAGE_TOO_BIG;
            return refuse(connection, tooBig.code(), tooBig.reasonText(), e.getMessage());
        }
        LOG.errorf(e, "Closing WebSocket %s after an unexpected error", connection.id());
        WebSocketCloseStatus error = WebSocketCloseStatus.INTERNAL_SERVER_ERROR;
        return connection.close(new CloseReason(error.code(), error.reasonText()));
    }

    private static Uni<Void> refuse(WebSocketConnection connection, int code, String reason, String why) {
        LOG.infof("Closing WebSocket %s with %d: %s", connection.id(), code, why);
        return connection.isClosed() ? Uni.createFrom().voidItem()
                : connection.close(new CloseReason(code, reason));
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

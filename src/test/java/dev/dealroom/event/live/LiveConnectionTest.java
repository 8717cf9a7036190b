package dev.dealroom.event.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** The outbound bound: a client that reads nothing is closed, not buffered for without end. */
class LiveConnectionTest {

    private final List<String> written = new ArrayList<>();
    private final AtomicReference<CloseReason> closedWith = new AtomicReference<>();

    @Test
    void aClientThatStopsReadingIsClosedWithResumeOnceItsQueueIsFull() {
        WebSocketConnection socket = socketThatNeverFinishesWriting();
        LiveConnection connection = new LiveConnection(socket, SocketWrites.Outlet.strings(socket), access(), 0, 3);
        for (int i = 1; i <= 3; i++) {
            connection.send(Frame.text("event " + i));
        }
        assertNull(closedWith.get(), "within the limit nothing is closed");

        connection.send(Frame.text("event 4"));

        assertEquals(4001, closedWith.get().getCode());
        assertEquals(List.of("event 1", "event 2", "event 3"), written);
        connection.send(Frame.text("event 5"));
        assertEquals(3, written.size(), "nothing more is queued for a closed client");
    }

    @Test
    void framesQueuedOnAnotherThreadAreWrittenInOrderByTheOutletsTurnAndAClosingWaitsForThem() {
        WebSocketConnection socket = socketThatNeverFinishesWriting();
        List<LiveConnection> due = new ArrayList<>();
        SocketWrites.Outlet strings = SocketWrites.Outlet.strings(socket);
        SocketWrites.Outlet turns = new SocketWrites.Outlet() {
            @Override
            public void schedule(LiveConnection connection) {
                due.add(connection); // an event loop's turn, run below
            }

            @Override
            public void write(Frame frame, io.vertx.core.Handler<io.vertx.core.AsyncResult<Void>> done) {
                strings.write(frame, done);
            }
        };
        LiveConnection connection = new LiveConnection(socket, turns, access(), 0, 10);
        Frame shared = Frame.text("{\"seq\":1,\"body\":\"Réunion à 14 h\"}");
        connection.send(shared);
        connection.send(Frame.text("event 2"));
        connection.closeAfterQueue(LiveConnection.REMOVED);
        connection.send(Frame.text("after the close"));

        assertEquals(List.of(), written, "nothing is written before the turn");
        assertNull(closedWith.get(), "nor closed");
        assertEquals(1, due.size(), "one turn for all the frames queued meanwhile");

        due.get(0).writeQueued();

        assertEquals(List.of("{\"seq\":1,\"body\":\"Réunion à 14 h\"}", "event 2"), written);
        assertEquals(4403, closedWith.get().getCode(), "closed after the frames queued before it");
    }

    @Test
    void aFrameThatFailsToBeWrittenNeitherCountsAgainstTheLimitNorStopsTheClosingAfterIt() {
        WebSocketConnection socket = socketThatNeverFinishesWriting();
        SocketWrites.Outlet strings = SocketWrites.Outlet.strings(socket);
        SocketWrites.Outlet failingOnce = new SocketWrites.Outlet() {
            @Override
            public void schedule(LiveConnection connection) {
                connection.writeQueued();
            }

            @Override
            public void write(Frame frame, io.vertx.core.Handler<io.vertx.core.AsyncResult<Void>> done) {
                if (frame.text().equals("unwritable")) {
                    throw new IllegalStateException("the socket refused it");
                }
                strings.write(frame, done);
            }
        };
        LiveConnection connection = new LiveConnection(socket, failingOnce, access(), 0, 2);
        connection.send(Frame.text("unwritable"));
        connection.send(Frame.text("event 1"));
        connection.send(Frame.text("event 2"));
        assertNull(closedWith.get(), "the failed frame does not count: two in flight is within the limit");
        assertEquals(List.of("event 1", "event 2"), written);

        connection.closeAfterQueue(LiveConnection.REMOVED);
        assertEquals(4403, closedWith.get().getCode());
    }

    @Test
    void aMessageLongerThanAFrameIsLeftToVertxToSplitTheRestIsWrittenAsOneSharedFrame() {
        List<String> calls = new ArrayList<>();
        io.vertx.core.http.WebSocketBase vertxSocket = (io.vertx.core.http.WebSocketBase) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] { io.vertx.core.http.WebSocketBase.class },
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "writeTextMessage" -> calls.add("split " + ((String) args[0]).length());
                        case "writeFrame" -> calls.add("frame " + ((io.vertx.core.http.WebSocketFrame) args[0])
                                .textData().length());
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return proxy;
                });
        SocketWrites.Direct direct = new SocketWrites.Direct(null, vertxSocket, 8);
        direct.write(Frame.text("12345678"), result -> { });
        direct.write(Frame.text("123456789"), result -> { });
        direct.write(Frame.text("é234567"), result -> { }); // 8 bytes

        assertEquals(List.of("frame 8", "split 9", "frame 7"), calls);
    }

    private WebSocketConnection socketThatNeverFinishesWriting() {
        return (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { WebSocketConnection.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> closedWith.get() == null;
                    case "id" -> "test-connection";
                    case "sendText" -> {
                        written.add((String) args[0]);
                        yield Uni.createFrom().emitter(emitter -> {
                            // the write never completes: the client does not read
                        });
                    }
                    case "close" -> {
                        closedWith.set((CloseReason) args[0]);
                        yield Uni.createFrom().voidItem();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static RoomAccess access() {
        UUID room = UUID.randomUUID();
        return new RoomAccess(room, new RoomMember(UUID.randomUUID(), room, "Slow reader", false, false, false), Set.of());
    }
}

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
        LiveConnection connection = new LiveConnection(socketThatNeverFinishesWriting(), access(), 0, 3);
        for (int i = 1; i <= 3; i++) {
            connection.send("event " + i);
        }
        assertNull(closedWith.get(), "within the limit nothing is closed");

        connection.send("event 4");

        assertEquals(4001, closedWith.get().getCode());
        assertEquals(List.of("event 1", "event 2", "event 3"), written);
        connection.send("event 5");
        assertEquals(3, written.size(), "nothing more is queued for a closed client");
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

package dev.dealroom.event.live;

import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.dealroom.access.RoomAccess;
import dev.dealroom.event.CloseCode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open WebSocket of a room member. {@link #lastSent} and {@link #access} are only touched by the room's
 * drain, which runs on one thread at a time; sends may come from any thread.
 */
final class LiveConnection {

    static final CloseReason RESUME = reason(CloseCode.RESUME);
    static final CloseReason REMOVED = reason(CloseCode.REMOVED);

    private static final Logger LOG = Logger.getLogger(LiveConnection.class);

    final WebSocketConnection socket;
    private final int queueLimit;
    private final AtomicInteger queued = new AtomicInteger();
    volatile RoomAccess access;
    long lastSent;
    boolean ready;

    LiveConnection(WebSocketConnection socket, RoomAccess access, long lastSent, int queueLimit) {
        this.socket = socket;
        this.access = access;
        this.lastSent = lastSent;
        this.queueLimit = queueLimit;
    }

    String id() {
        return socket.id();
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /**
     * Queues a message. A client whose queue is full is closed rather than buffered without bound; it resumes
     * from its last seq, and nobody else waits for it.
     */
    void send(String message) {
        if (!socket.isOpen()) {
            return;
        }
        if (queued.incrementAndGet() > queueLimit) {
            LOG.debugf("Closing slow connection %s of member %s", id(), access.me().id());
            close(RESUME);
            return;
        }
        socket.sendText(message).subscribe().with(sent -> queued.decrementAndGet(), failed -> queued.decrementAndGet());
    }

    private static CloseReason reason(CloseCode code) {
        return new CloseReason(code.code(), code.reason());
    }

    void close(CloseReason reason) {
        if (socket.isOpen()) {
            socket.close(reason).subscribe().with(closed -> {
            }, failed -> LOG.debugf("Closing %s failed: %s", id(), failed));
        }
    }
}

package dev.dealroom.event.live;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.dealroom.access.RoomAccess;
import dev.dealroom.event.CloseCode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;

/**
 * One open WebSocket of a room member. {@link #lastSent} and {@link #access} are only touched by the room's
 * drain, which runs on one thread at a time. Frames may be sent from any thread: they queue, in order, until the
 * socket's {@link SocketWrites.Outlet} writes them.
 */
final class LiveConnection {

    static final CloseReason RESUME = reason(CloseCode.RESUME);
    static final CloseReason REMOVED = reason(CloseCode.REMOVED);

    private static final Logger LOG = Logger.getLogger(LiveConnection.class);

    final WebSocketConnection socket;
    private final SocketWrites.Outlet outlet;
    private final int queueLimit;
    /** Frames sent and not yet written out: queued here, or in the socket's buffers. */
    private final AtomicInteger unwritten = new AtomicInteger();
    private final Queue<Frame> queued = new ConcurrentLinkedQueue<>();
    /** Whether a write of the queue is scheduled. */
    private final AtomicBoolean due = new AtomicBoolean();
    private final Handler<AsyncResult<Void>> written = result -> unwritten.decrementAndGet();
    /** A close asked for after what is queued. */
    private volatile CloseReason closeAfterQueue;
    volatile RoomAccess access;
    long lastSent;
    boolean ready;

    LiveConnection(WebSocketConnection socket, SocketWrites.Outlet outlet, RoomAccess access, long lastSent,
            int queueLimit) {
        this.socket = socket;
        this.outlet = outlet;
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
     * Queues a frame. A client whose queue is full is closed rather than buffered without bound; it resumes
     * from its last seq, and nobody else waits for it.
     */
    void send(Frame frame) {
        if (!socket.isOpen() || closeAfterQueue != null) {
            return;
        }
        if (unwritten.incrementAndGet() > queueLimit) {
            LOG.debugf("Closing slow connection %s of member %s", id(), access.me().id());
            close(RESUME);
            return;
        }
        queued.add(frame);
        writeSoon();
    }

    /** Closes the socket once the frames queued before are written: the last events a removed member may see. */
    void closeAfterQueue(CloseReason reason) {
        closeAfterQueue = reason;
        writeSoon();
    }

    private void writeSoon() {
        if (due.compareAndSet(false, true)) {
            outlet.schedule(this);
        }
    }

    /**
     * Writes what is queued, in order, where the outlet runs it: the socket's event loop for a direct outlet (the
     * only caller then, so the lock is never contended); any sending thread for the strings way, which the lock
     * keeps to one at a time so that frames cannot overtake each other.
     */
    synchronized void writeQueued() {
        due.set(false);
        try {
            for (Frame frame; (frame = queued.poll()) != null;) {
                if (!socket.isOpen()) {
                    unwritten.decrementAndGet();
                    continue;
                }
                try {
                    outlet.write(frame, written);
                } catch (RuntimeException e) {
                    unwritten.decrementAndGet();
                    LOG.debugf("A frame to %s was not written: %s", id(), e);
                }
            }
        } finally {
            CloseReason reason = closeAfterQueue;
            if (reason != null) {
                close(reason);
            }
        }
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

package dev.dealroom.event.live;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

import io.netty.channel.EventLoop;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.impl.ContextInternal;

/**
 * How this node's frames reach its sockets. A connection's frames are queued and written by its socket's own
 * event loop, in one turn per event loop for all the connections that have frames due on it — so a drain that
 * delivers an event to ten receivers wakes each event loop once, not each socket once — and each frame is written
 * as the shared UTF-8 bytes of a {@link Frame}, straight to the Vert.x socket.
 *
 * <p>
 * websockets-next keeps the Vert.x socket under a {@link WebSocketConnection} to itself and only sends strings (each
 * one encoded again, through a Mutiny subscription, from whichever thread calls). The socket is read through the
 * connection's internal accessor, found once by name; should a later Quarkus rename it, connections fall back to
 * {@link WebSocketConnection#sendText(String)} (the same messages, slower), the server says so once in its log, and
 * {@code LiveEventsTest} fails so that the upgrade is noticed. Written this way, live events bypass websockets-next's
 * own hooks on sending (its traffic log and telemetry), which this application does not turn on.
 */
final class SocketWrites {

    private static final Logger LOG = Logger.getLogger(SocketWrites.class);
    private static final MethodHandle WEB_SOCKET = webSocketAccessor();

    /** Connections a turn writes to before it lets its event loop serve others (and runs again). */
    private static final int CONNECTIONS_PER_TURN = 256;

    private final Map<EventLoop, Turn> turns = new ConcurrentHashMap<>();
    private final LongAdder fellBack = new LongAdder();
    private final int maxFrameBytes;

    /**
     * @param maxFrameBytes the largest frame to write whole; a longer message is written by Vert.x, which splits
     *                      it into frames of its configured size (as websockets-next would)
     */
    SocketWrites(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Where a connection's frames go. Called on the connection's own context — its {@code @OnOpen}, which
     * websockets-next runs there — whose event loop is its socket's (the socket itself, wrapped by Vert.x Web, does
     * not tell). Should the caller be elsewhere, frames would still reach the socket in order, Vert.x handing each
     * write over to the socket's event loop; without a context or the socket, the connection takes the strings way.
     */
    Outlet outletOf(WebSocketConnection socket) {
        Context context = Vertx.currentContext();
        WebSocketBase webSocket = webSocket(socket);
        if (webSocket == null || !(context instanceof ContextInternal internal)) {
            fellBack.increment();
            return Outlet.strings(socket);
        }
        Turn turn = turns.computeIfAbsent(internal.nettyEventLoop(), Turn::new);
        return new Direct(turn, webSocket, maxFrameBytes);
    }

    /** How many connections were given the strings way: none while websockets-next keeps its accessor. */
    long fellBack() {
        return fellBack.sum();
    }

    private static WebSocketBase webSocket(WebSocketConnection socket) {
        if (WEB_SOCKET == null || !WEB_SOCKET.type().parameterType(0).isInstance(socket)) {
            return null;
        }
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(socket);
        } catch (Throwable e) {
            LOG.debugf("No Vert.x socket under connection %s: %s", socket.id(), e);
            return null;
        }
    }

    private static MethodHandle webSocketAccessor() {
        try {
            Class<?> base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase", false,
                    WebSocketConnection.class.getClassLoader());
            return MethodHandles.privateLookupIn(base, MethodHandles.lookup())
                    .findVirtual(base, "webSocket", MethodType.methodType(WebSocketBase.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Live events are sent as strings, the slower way: this websockets-next hides its Vert.x"
                    + " socket differently (%s)", e);
            return null;
        }
    }

    /** How a connection's queued frames reach its socket. */
    interface Outlet {

        /** Has {@link LiveConnection#writeQueued()} run soon where the socket may be written. */
        void schedule(LiveConnection connection);

        /** Writes one frame; {@code done} hears when it has left (or failed to). */
        void write(Frame frame, Handler<AsyncResult<Void>> done);

        /** The way websockets-next offers: each frame as a string, written at once from the calling thread. */
        static Outlet strings(WebSocketConnection socket) {
            return new Outlet() {
                @Override
                public void schedule(LiveConnection connection) {
                    connection.writeQueued();
                }

                @Override
                public void write(Frame frame, Handler<AsyncResult<Void>> done) {
                    socket.sendText(frame.text()).subscribe().with(
                            sent -> done.handle(Future.succeededFuture()),
                            failed -> done.handle(Future.failedFuture(failed)));
                }
            };
        }
    }

    /** Frames written straight to the Vert.x socket, in its event loop's turn. */
    record Direct(Turn turn, WebSocketBase webSocket, int maxFrameBytes) implements Outlet {

        @Override
        public void schedule(LiveConnection connection) {
            turn.add(connection);
        }

        @Override
        public void write(Frame frame, Handler<AsyncResult<Void>> done) {
            if (frame.length() > maxFrameBytes) {
                webSocket.writeTextMessage(frame.text(), done);
            } else {
                webSocket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame.bytes(), true), done);
            }
        }
    }

    /** One task on an event loop that writes the queued frames of every connection due on it. */
    static final class Turn implements Runnable {

        private final EventLoop loop;
        private final Queue<LiveConnection> due = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Turn(EventLoop loop) {
            this.loop = loop;
        }

        void add(LiveConnection connection) {
            due.add(connection);
            scheduleIfIdle();
        }

        private void scheduleIfIdle() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    loop.execute(this);
                } catch (RejectedExecutionException stopping) {
                    scheduled.set(false);
                    LOG.debug("Event loop stopped: frames still queued are dropped");
                }
            }
        }

        @Override
        public void run() {
            // Reset first: a connection added from now on is either taken by this loop or schedules a new turn.
            scheduled.set(false);
            LiveConnection connection;
            for (int served = 0; served < CONNECTIONS_PER_TURN && (connection = due.poll()) != null; served++) {
                try {
                    connection.writeQueued();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Writing to connection %s failed", connection.id());
                }
            }
            if (!due.isEmpty()) {
                scheduleIfIdle(); // the rest in a later task: the event loop's sockets are not kept waiting
            }
        }
    }
}

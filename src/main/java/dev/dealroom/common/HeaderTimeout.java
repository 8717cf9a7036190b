package dev.dealroom.common;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * Closes connections that are too slow to send a request's headers ({@code dealroom.limits.header-timeout}). Without
 * it, a client trickling a byte every few seconds holds a connection for as long as it likes, with no login, and
 * enough such clients hold every connection a node can have. Neither Quarkus nor Vert.x has a header timeout (their
 * idle timeouts start again with each byte), and neither lets an application see a connection before its first
 * request: so the server's listening channel gets one small handler that puts a {@link Deadline} in front of every
 * connection it accepts, on the HTTP and the HTTPS listener alike; once armed, each listener is logged at INFO.
 *
 * <p>Reaching the deadline needs two Vert.x internals (the listening channel, and a request's connection channel).
 * Should an upgrade of Vert.x move the first, the application fails to start (checked at start, before it serves).
 * Should arming a listener still fail once the server listens (Quarkus announces that after the start, to observers
 * nobody waits for), the failure is logged at ERROR and the application shuts down with exit code 1 rather than run
 * without the timeout. The connections accepted in the moment between the server's start and the installation
 * have no deadline.
 */
@ApplicationScoped
public class HeaderTimeout {

    private static final Logger LOG = Logger.getLogger(HeaderTimeout.class);
    private static final String ACCEPTOR = "dealroom-header-timeout-acceptor";
    private static final String DEADLINE = "dealroom-header-timeout";

    private final Vertx vertx;
    private final Duration timeout;
    /** The listeners this application has armed, to log each once. */
    private final Set<String> armed = new HashSet<>();

    public HeaderTimeout(Vertx vertx, DealRoomConfig config) {
        this.vertx = vertx;
        this.timeout = config.limits().headerTimeout();
    }

    /** Tells each connection's deadline when a request has arrived, and when its response has been sent. */
    void watchRequests(@Observes Filters filters) {
        if (timeout.isZero()) {
            return;
        }
        // First of all filters: a request that reached the router has had all its headers read.
        filters.register(context -> {
            Deadline deadline = Deadline.of(context.request());
            if (deadline != null) {
                deadline.requestArrived(context.request().version() == HttpVersion.HTTP_2);
                context.addEndHandler(ended -> deadline.responseSent());
            }
            context.next();
        }, Integer.MAX_VALUE);
    }

    /**
     * At the start: refuses to start when this version of Vert.x hides the listening channel. After a restart of the
     * application in dev mode, the server has stayed up: its acceptor is replaced with this application's.
     */
    void started(@Observes StartupEvent started) {
        install();
    }

    /** The first start: the server announces it listens just after the application has started. */
    void listening(@ObservesAsync HttpServerStart started) {
        installOrExit("HTTP");
    }

    void listeningSecurely(@ObservesAsync HttpsServerStart started) {
        installOrExit("HTTPS");
    }

    /**
     * Quarkus fires the server's start asynchronously and reads no result: an exception here would vanish, and the
     * server would run without the timeout. So a failure is logged and ends the application.
     */
    private void installOrExit(String listener) {
        try {
            if (install() == 0 && !timeout.isZero()) {
                throw new IllegalStateException("no listening " + listener + " channel was found");
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cannot install the request header timeout on the %s listener; shutting down rather than"
                    + " running without it (set dealroom.limits.header-timeout=0 to run without it)", listener);
            Quarkus.asyncExit(1);
        }
    }

    /** Arms every listening channel of the server; answers how many are armed. */
    private synchronized int install() {
        if (timeout.isZero()) {
            return 0;
        }
        Field bindFuture = bindFuture(TCPServerBase.class);
        int count = 0;
        for (TCPServerBase server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            Channel listening = listeningChannel(server, bindFuture);
            if (listening == null) {
                continue;
            }
            ChannelPipeline pipeline = listening.pipeline();
            Acceptor acceptor = new Acceptor(timeout.toNanos());
            if (pipeline.get(ACCEPTOR) != null) {
                pipeline.replace(ACCEPTOR, ACCEPTOR, acceptor);
            } else {
                pipeline.addFirst(ACCEPTOR, acceptor);
            }
            count++;
            String address = String.valueOf(listening.localAddress());
            if (armed.add(address)) {
                LOG.infof("Request header timeout of %d ms armed on %s", timeout.toMillis(), address);
            }
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static Channel listeningChannel(TCPServerBase server, Field bindFuture) {
        try {
            Future<Channel> channel = (Future<Channel>) bindFuture.get(server);
            return channel != null && channel.succeeded() ? channel.result() : null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The field holding a server's listening channel, checked to be what this class reads: a field of another
     * type would only fail later, when the server listens.
     */
    static Field bindFuture(Class<?> server) {
        try {
            Field bound = server.getDeclaredField("bindFuture");
            if (!Future.class.isAssignableFrom(bound.getType())) {
                throw new IllegalStateException("bindFuture is a " + bound.getType().getName() + ", not a Future");
            }
            bound.setAccessible(true);
            return bound;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot install the request header timeout on this version of Vert.x;"
                    + " set dealroom.limits.header-timeout=0 to run without it", e);
        }
    }

    /** On a listening channel: puts a deadline in front of each connection it accepts. */
    private static final class Acceptor extends ChannelInboundHandlerAdapter {

        private final long timeoutNanos;

        Acceptor(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
            if (accepted instanceof Channel connection) {
                connection.pipeline().addFirst(DEADLINE, new Deadline(timeoutNanos));
            }
            ctx.fireChannelRead(accepted);
        }
    }

    /**
     * A connection's deadline for the headers of its next request. Armed when the connection opens and by the first
     * byte of each later request; disarmed when the request reaches the router. A connection waiting for its next
     * request is left to the idle timeout: a proxy in front keeps its connections open, and closing them under it
     * would make it fail requests. Once the connection no longer speaks HTTP/1 (a WebSocket, HTTP/2), the deadline
     * steps aside. Runs on the connection's event loop only.
     */
    static final class Deadline extends ChannelInboundHandlerAdapter {

        private enum State { AWAITING_HEADERS, IN_REQUEST, BETWEEN_REQUESTS }

        private final long timeoutNanos;
        private ChannelHandlerContext context;
        private State state = State.AWAITING_HEADERS;
        private ScheduledFuture<?> timer;

        Deadline(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        /** The deadline of a request's connection, if it has one. */
        static Deadline of(HttpServerRequest request) {
            if (!(request.connection() instanceof ConnectionBase connection)) {
                return null;
            }
            ChannelPipeline pipeline = connection.channel().pipeline();
            Object handler = pipeline.get(DEADLINE);
            if (handler == null || handler instanceof Deadline) {
                return (Deadline) handler;
            }
            // Put there by the application before a dev-mode restart, which nothing here could disarm.
            pipeline.remove(DEADLINE);
            return null;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            context = ctx;
            if (ctx.channel().isActive()) {
                arm();
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            arm();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (state == State.BETWEEN_REQUESTS) {
                // Should the router ever report the end of an upgrade request, the WebSocket must not be timed.
                if (ctx.pipeline().get(HttpRequestDecoder.class) == null) {
                    stepAside();
                } else {
                    state = State.AWAITING_HEADERS;
                    arm();
                }
            }
            ctx.fireChannelRead(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }

        /** Stepping aside, or taken out after a dev-mode restart: its timer must not close the connection later. */
        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            disarm();
        }

        void requestArrived(boolean http2) {
            onLoop(() -> {
                disarm();
                if (http2) {
                    stepAside();
                } else {
                    state = State.IN_REQUEST;
                }
            });
        }

        void responseSent() {
            onLoop(() -> {
                if (state == State.IN_REQUEST) {
                    state = State.BETWEEN_REQUESTS;
                }
            });
        }

        private void arm() {
            if (timer == null && state == State.AWAITING_HEADERS) {
                timer = context.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        private void expire() {
            timer = null;
            if (state == State.AWAITING_HEADERS && context.channel().isOpen()) {
                LOG.debugf("Closing the connection from %s: no request headers within %d ms",
                        context.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                context.close();
            }
        }

        private void stepAside() {
            if (context.pipeline().context(this) != null) {
                context.pipeline().remove(this);
            }
        }

        private void onLoop(Runnable task) {
            if (context.executor().inEventLoop()) {
                task.run();
            } else {
                context.executor().execute(task);
            }
        }
    }
}

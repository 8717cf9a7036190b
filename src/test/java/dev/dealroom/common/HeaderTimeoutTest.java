package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.vertx.core.Future;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * The deadline of one connection, on a channel whose time the test moves: when it closes the connection and when it
 * leaves it be. (RateLimitTest shows the same against the running server, with raw sockets.)
 */
class HeaderTimeoutTest {

    private static final long TIMEOUT_SECONDS = 10;

    private final HeaderTimeout.Deadline deadline = deadline();
    private final EmbeddedChannel connection = new EmbeddedChannel();

    HeaderTimeoutTest() {
        connection.freezeTime();
        connection.pipeline().addLast("deadline", deadline).addLast("decoder", new HttpRequestDecoder());
    }

    @Test
    void theListeningChannelIsFoundOnThisVersionOfVertxAndAMovedOneIsRefusedAtTheStart() {
        assertEquals(Future.class, HeaderTimeout.bindFuture(TCPServerBase.class).getType());
        // A field of another type would only fail once the server listens, where nobody hears the failure.
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> HeaderTimeout.bindFuture(MovedServer.class));
        assertTrue(refused.getMessage().contains("dealroom.limits.header-timeout=0"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> HeaderTimeout.bindFuture(Object.class));
    }

    /** A server class of a Vert.x that keeps its listening channel in another way. */
    @SuppressWarnings("unused")
    private static final class MovedServer {
        private Object bindFuture;
    }

    @Test
    void aConnectionWithoutARequestIsClosedAtTheDeadlineNotBefore() {
        pass(TIMEOUT_SECONDS - 1);
        assertTrue(connection.isOpen());
        pass(1);
        assertFalse(connection.isOpen());
    }

    @Test
    void aRequestThatArrivesInTimeKeepsTheConnectionAndItsNextHeadersHaveTheirOwnDeadline() {
        pass(TIMEOUT_SECONDS - 1);
        deadline.requestArrived(false);
        pass(TIMEOUT_SECONDS * 3);
        assertTrue(connection.isOpen(), "a request being served is not timed");
        deadline.responseSent();
        pass(TIMEOUT_SECONDS * 3);
        assertTrue(connection.isOpen(), "waiting for the next request is left to the idle timeout");

        connection.writeInbound(Unpooled.copiedBuffer("G", StandardCharsets.US_ASCII));
        pass(TIMEOUT_SECONDS);
        assertFalse(connection.isOpen(), "the next request's headers did not come in time");
    }

    @Test
    void aConnectionThatNoLongerSpeaksHttp1IsLeftAlone() {
        deadline.requestArrived(false);
        deadline.responseSent();
        connection.pipeline().remove("decoder");
        connection.writeInbound(Unpooled.copiedBuffer("frame", StandardCharsets.US_ASCII));
        pass(TIMEOUT_SECONDS * 3);
        assertTrue(connection.isOpen());

        HeaderTimeout.Deadline http2 = deadline();
        EmbeddedChannel multiplexed = new EmbeddedChannel();
        multiplexed.freezeTime();
        multiplexed.pipeline().addLast(http2);
        http2.requestArrived(true);
        multiplexed.writeInbound(Unpooled.copiedBuffer("frame", StandardCharsets.US_ASCII));
        multiplexed.advanceTimeBy(TIMEOUT_SECONDS * 3, TimeUnit.SECONDS);
        multiplexed.runScheduledPendingTasks();
        assertTrue(multiplexed.isOpen());
    }

    @Test
    void aDeadlineTakenOutOfThePipelineNoLongerClosesTheConnection() {
        connection.pipeline().remove(deadline);
        pass(TIMEOUT_SECONDS * 3);
        assertTrue(connection.isOpen());
    }

    private static HeaderTimeout.Deadline deadline() {
        return new HeaderTimeout.Deadline(TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS));
    }

    private void pass(long seconds) {
        connection.advanceTimeBy(seconds, TimeUnit.SECONDS);
        connection.runScheduledPendingTasks();
        connection.runPendingTasks();
    }
}

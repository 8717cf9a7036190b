package dev.dealroom.event.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LogCapture;
import dev.dealroom.support.Person;
import dev.dealroom.support.RawWebSocket;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Whatever a client sends on a room's socket: a read marker that does not parse is ignored and the connection
 * stays open and usable; a message over the size limit (16 KiB), in one frame or several, closes it with 1009; a
 * single frame over the decoder's hard cap (64 KiB) is cut off. None of it stores anything, and none of it writes
 * more than one log line or any stack trace. Sent frame by frame ({@link RawWebSocket}), as a library would not.
 */
@QuarkusTest
class SocketInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code quarkus.websockets-next.server.max-message-size}. */
    private static final int LIMIT = 16384;

    /** What happens to the connection. */
    enum Outcome { IGNORED, CLOSED_1009, CUT_OFF }

    /**
     * Each row sends something on the socket of a proof member; {@code S} in its text stands for the newest seq of
     * the room, which a valid marker of proof would record.
     */
    static Stream<Arguments> messages() {
        String read = "{\"type\":\"read\",\"groupId\":\"proof\",\"seq\":S}";
        return Stream.of(
                text("not JSON", "hello"),
                text("JSON, not an object", "[\"read\", \"proof\", S]"),
                text("an unknown type", read.replace("\"read\"", "\"reed\"")),
                text("no type", "{\"groupId\":\"proof\",\"seq\":S}"),
                text("seq as a string", read.replace(":S", ":\"S\"")),
                text("seq with a fraction", read.replace(":S", ":S.5")),
                text("seq beyond a long", read.replace(":S", ":99999999999999999999")),
                text("seq beyond a double", read.replace(":S", ":1e400")),
                text("negative seq", read.replace(":S", ":-S")),
                text("groupId as a number", read.replace("\"proof\"", "5")),
                text("groupId as an object", read.replace("\"proof\"", "{}")),
                text("groupId with an escaped NUL", read.replace("proof", "proof\\u0000")),
                text("groupId with an escaped control character", read.replace("proof", "pro\\u0007of")),
                text("groupId with a raw control character", read.replace("proof", "pro\u0001of")),
                text("a raw NUL", "\u0000"),
                text("a group the member is not in", read.replace("proof", "contracts")),
                text("a group that does not exist", read.replace("proof", "no-such-group")),
                text("trailing garbage", read + " x"),
                text("two documents", read + read),
                text("nested too deep", "[".repeat(5000)),
                row("a binary frame", Outcome.IGNORED, (socket, seq) -> socket.frame(RawWebSocket.BINARY, true,
                        bytes(read.replace("S", seq)))),
                row("an unknown type in small fragments", Outcome.IGNORED, (socket, seq) -> socket.fragmented(
                        RawWebSocket.TEXT, bytes("{\"type\":\"reed\",\"groupId\":\"proof\",\"seq\":" + seq + "}"), 3)),
                row("one frame over the limit", Outcome.CLOSED_1009,
                        (socket, seq) -> socket.text(padded(read.replace("S", seq), LIMIT + 1))),
                row("a message over the limit in frames under it", Outcome.CLOSED_1009,
                        (socket, seq) -> socket.fragmented(RawWebSocket.TEXT,
                                bytes(padded(read.replace("S", seq), LIMIT + 1)), 1024)),
                row("text that is not UTF-8", Outcome.IGNORED,
                        (socket, seq) -> socket.frame(RawWebSocket.TEXT, true, new byte[] { '{', (byte) 0xff, '}' })),
                row("one frame over the decoder's hard cap (64 KiB)", Outcome.CUT_OFF,
                        (socket, seq) -> socket.text(padded(read.replace("S", seq), 65_537))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("messages")
    void isIgnoredOrClosesTheConnectionAndStoresNothing(String label, Outcome outcome,
            BiConsumer<RawWebSocket, String> send) throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        post(room, "Kick-off agenda");
        long earlier = room.seq();
        post(room, "Agenda, revised");
        long newest = room.seq();
        try (RawWebSocket socket = RawWebSocket.connect(room.groupMember, room.roomId, newest)) {
            nextOfType(socket, "ready");
            try (LogCapture log = new LogCapture()) {
                try {
                    send.accept(socket, Long.toString(newest));
                } catch (UncheckedIOException cutOffWhileSending) {
                    assertEquals(Outcome.CUT_OFF, outcome, "only a frame over the hard cap is cut off");
                }
                if (outcome == Outcome.IGNORED) {
                    // the connection still works: a marker sent after is recorded, a new event arrives
                    socket.text("{\"type\":\"read\",\"groupId\":\"proof\",\"seq\":" + earlier + "}");
                    awaitLastRead(room, room.groupMember, earlier);
                    post(room, "Minutes");
                    assertEquals(room.seq(), ((Number) nextOfType(socket, "post.created").get("seq")).longValue());
                    assertEquals(earlier, lastRead(room, room.groupMember),
                            "what was ignored recorded nothing (a marker never moves back)");
                } else if (outcome == Outcome.CLOSED_1009) {
                    assertEquals(1009, socket.awaitClose());
                    assertEquals(0, lastRead(room, room.groupMember), "nothing was recorded");
                } else {
                    assertFalse(socket.staysOpenFor(5_000), "the decoder cuts the connection off");
                    assertEquals(0, lastRead(room, room.groupMember), "nothing was recorded");
                }
                Thread.sleep(200); // a log line written after the answer would still count
                assertQuiet(log);
            }
        }
    }

    private static void assertQuiet(LogCapture log) {
        assertTrue(log.records().size() <= 1, "at most one log line:" + log.describe());
        for (LogRecord record : log.records()) {
            assertNull(record.getThrown(), "no stack trace:" + log.describe());
            assertTrue(record.getLevel().intValue() < Level.SEVERE.intValue(), "no error:" + log.describe());
        }
    }

    private static Arguments text(String label, String message) {
        return row(label, Outcome.IGNORED, (socket, seq) -> socket.text(message.replace("S", seq)));
    }

    private static Arguments row(String label, Outcome outcome, BiConsumer<RawWebSocket, String> send) {
        return Arguments.of(label, outcome, send);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The marker with an extra field that brings it to {@code size} bytes. */
    private static String padded(String read, int size) {
        String open = read.substring(0, read.length() - 1) + ",\"pad\":\"";
        return open + "x".repeat(size - open.length() - 2) + "\"}";
    }

    private static Map<String, Object> nextOfType(RawWebSocket socket, String type) throws Exception {
        while (true) {
            Map<String, Object> message = JSON.readValue(socket.nextText(), new TypeReference<>() {
            });
            if (type.equals(message.get("type"))) {
                return message;
            }
        }
    }

    private static void post(DealRoomFixture room, String body) {
        room.owner.api().body(Map.of("body", body)).post("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .statusCode(201);
    }

    private static long lastRead(DealRoomFixture room, Person person) {
        return person.api().get("/api/rooms/{r}/unread", room.roomId).then().statusCode(200).extract()
                .<Number>path("find { it.groupId == '%s' }.lastReadSeq".formatted(room.proofId)).longValue();
    }

    /** Socket reads are applied asynchronously; wait (bounded) for the marker. */
    private static void awaitLastRead(DealRoomFixture room, Person person, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (lastRead(room, person) != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, lastRead(room, person));
    }
}

package dev.dealroom.common;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LogCapture;
import dev.dealroom.support.RawHttp;
import dev.dealroom.support.RawHttp.Answer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Invariant 4 at the transport: a malformed {@code Content-Type} (with or without a token), a malformed or empty
 * multipart body, a body over its limit (announced or sent in chunks), a URI or headers over theirs — each is a
 * problem body with its code, never a 500, changes nothing, and writes at most one log line and no stack trace.
 * The requests are written byte for byte ({@link RawHttp}): an HTTP client would tidy most of them up.
 */
@QuarkusTest
class TransportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM =
            "{\"name\": \"R\", \"prospectAccount\": \"P\", \"targetDecisionDate\": \"2027-01-31\"}";
    private static final String BOUNDARY = "----dealroom-7f3a";
    /** {@code quarkus.http.limits.max-body-size} in the test profile. */
    private static final int MAX_BODY = 2 * 1024 * 1024;

    static Stream<Arguments> requests() {
        byte[] hugeRoom = bytes(ROOM + " ".repeat(300_000)); // valid JSON: without its limit, a new room
        byte[] hugeUpload = bytes(multipart(BOUNDARY, "big.txt", "x".repeat(MAX_BODY + 1)));
        return Stream.of(
                // Content-Type
                row("Content-Type ;;; without a token", 400, "malformed-content-type",
                        f -> send("POST", "/api/rooms", null, bytes(ROOM), "Content-Type: ;;;")),
                row("Content-Type ;;; with a token", 400, "malformed-content-type",
                        f -> openRoom(f, bytes(ROOM), "Content-Type: ;;;")),
                row("a parameter without a value", 400, "malformed-content-type",
                        f -> openRoom(f, bytes(ROOM), "Content-Type: application/json; charset")),
                row("Content-Type /", 400, "malformed-content-type",
                        f -> openRoom(f, bytes(ROOM), "Content-Type: /")),
                row("Content-Type / on a GET without a token", 400, "malformed-content-type",
                        f -> send("GET", "/api/rooms", null, new byte[0], "Content-Type: /")),
                row("an empty Content-Type", 400, "malformed-content-type",
                        f -> openRoom(f, bytes(ROOM), "Content-Type: ")),
                row("a quoted value left open", 400, "malformed-content-type",
                        f -> openRoom(f, bytes(ROOM), "Content-Type: application/json; charset=\"utf-8")),
                row("two Content-Types", 400, "malformed-content-type",
                        f -> openRoom(f, bytes(ROOM), "Content-Type: application/json", "Content-Type: text/plain")),
                row("an unknown charset", 415, "unsupported-media-type",
                        f -> openRoom(f, bytes(ROOM), "Content-Type: application/json; charset=no-such-charset")),
                // multipart
                row("multipart without a boundary", 400, "malformed-multipart",
                        f -> upload(f, "multipart/form-data", multipart(BOUNDARY, "notes.txt", "hello"))),
                row("a boundary over 70 characters", 400, "malformed-multipart",
                        f -> upload(f, typeWith("b".repeat(71)), multipart("b".repeat(71), "notes.txt", "hello"))),
                row("a boundary with a character RFC 2046 does not allow", 400, "malformed-multipart",
                        f -> upload(f, typeWith("\"a;b\""), multipart("a;b", "notes.txt", "hello"))),
                row("an empty multipart body", 400, "malformed-multipart",
                        f -> upload(f, typeWith(BOUNDARY), "")),
                row("a multipart body cut short", 400, "malformed-multipart",
                        f -> upload(f, typeWith(BOUNDARY),
                                multipart(BOUNDARY, "notes.txt", "hello").substring(0, 120))),
                row("a multipart body without its closing boundary", 400, "malformed-multipart",
                        f -> upload(f, typeWith(BOUNDARY), multipart(BOUNDARY, "notes.txt", "hello")
                                .replace("--" + BOUNDARY + "--\r\n", ""))),
                row("a body with another boundary than announced", 400, "malformed-multipart",
                        f -> upload(f, typeWith(BOUNDARY), multipart("other-boundary", "notes.txt", "hello"))),
                row("a part header without a colon", 400, "malformed-multipart",
                        f -> upload(f, typeWith(BOUNDARY), multipart(BOUNDARY, "notes.txt", "hello")
                                .replace("Content-Type: text/plain", "Content-Type text/plain"))),
                row("a part in base64 that is not base64", 400, "malformed-multipart",
                        f -> upload(f, typeWith(BOUNDARY), multipart(BOUNDARY, "notes.txt", "!!!not*base64!!!")
                                .replace("Content-Type: text/plain",
                                        "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64"))),
                row("a text part in an unknown charset", 400, "malformed-multipart",
                        f -> upload(f, typeWith(BOUNDARY), "--" + BOUNDARY + "\r\n"
                                + "Content-Disposition: form-data; name=\"name\"\r\n"
                                + "Content-Type: text/plain; charset=no-such-charset\r\n\r\nnotes\r\n"
                                + multipart(BOUNDARY, "notes.txt", "hello"))),
                row("a multipart body with no part", 400, "validation-failed",
                        f -> upload(f, typeWith(BOUNDARY), "--" + BOUNDARY + "--\r\n")),
                // sizes
                row("a JSON body over 256 KiB in chunks", 413, "payload-too-large",
                        f -> openRoom(f, RawHttp.chunked(hugeRoom, 8192), "Content-Type: application/json",
                                "Transfer-Encoding: chunked")),
                row("a JSON body over 256 KiB in one chunk", 413, "payload-too-large",
                        f -> openRoom(f, RawHttp.chunked(hugeRoom, hugeRoom.length), "Content-Type: application/json",
                                "Transfer-Encoding: chunked")),
                row("a body announced over the server's cap", 413, "payload-too-large",
                        f -> openRoom(f, bytes(ROOM), "Content-Type: application/json",
                                "Content-Length: " + (MAX_BODY + 1))),
                row("an upload over the server's cap in chunks", 413, "payload-too-large",
                        f -> send("POST", "/api/rooms/" + f.roomId + "/groups/proof/documents", f.groupMember.token(),
                                RawHttp.chunked(hugeUpload, 65536), "Content-Type: " + typeWith(BOUNDARY),
                                "Transfer-Encoding: chunked")),
                row("a URI over 4096 characters", 414, "uri-too-long",
                        f -> send("GET", "/api/rooms?q=" + "x".repeat(4100), null, new byte[0])),
                row("headers over 20 KiB", 431, "headers-too-large",
                        f -> send("GET", "/api/rooms", null, new byte[0], "X-Padding: " + "x".repeat(21_000))));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("requests")
    void answersWithAProblemOneLogLineAndChangesNothing(String label, int status, String code,
            Function<DealRoomFixture, Answer> call) throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        long seqBefore = room.seq();
        int roomsBefore = rooms(room);

        Answer answer;
        try (LogCapture log = new LogCapture()) {
            answer = call.apply(room);
            Thread.sleep(200); // a log line written after the answer would still count
            assertQuiet(log);
        }

        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type"));
        Map<String, Object> problem = JSON.readValue(answer.body(), new TypeReference<>() {
        });
        assertEquals(code, problem.get("code"));
        assertEquals(status, problem.get("status"));
        assertFalse(answer.body().contains("Exception") || answer.body().contains("dev.dealroom"), answer.body());
        assertEquals(seqBefore, room.seq(), "a refused request appends no event");
        assertEquals(roomsBefore, rooms(room), "a refused request opens no room");
        room.owner.api().get("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    /**
     * Past the HTTP decoder's hard caps ({@code quarkus.http.limits.max-initial-line-length}, 16 KiB, and
     * {@code max-header-size}, 64 KiB) the decoder answers by itself, before the application sees the request:
     * still 414 and 431, and the connection closes, but without a problem body (Quarkus 3.33 has no hook there).
     */
    @Test
    void pastTheDecodersHardCapsTheStatusIsStillTheRightOne() {
        Answer uri = RawHttp.send(RawHttp.head("GET /api/rooms?q=" + "x".repeat(17_000) + " HTTP/1.1"), new byte[0]);
        assertEquals(414, uri.status());
        Answer headers = RawHttp.send(RawHttp.head("GET /api/rooms HTTP/1.1", "X-Padding: " + "x".repeat(70_000)),
                new byte[0]);
        assertEquals(431, headers.status());
    }

    /**
     * A '%' not followed by two hexadecimal digits, in the path or the query, of a read or a write: the HTTP decoder
     * refuses the request line itself (a bare 400, before any code of the application could give it a problem
     * body), so no decoder of the framework ever throws on it later — no 500, no stack trace, nothing stored.
     */
    @Test
    void aBrokenEscapeInTheUriIsRefusedByTheDecoderQuietly() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        long seqBefore = room.seq();
        List<String> requestLines = List.of("GET /api/rooms?x=%zz", "GET /api/rooms/" + room.roomId + "/events?since=1%",
                "GET /api/rooms/%zz", "POST /api/rooms/" + room.roomId + "/groups/pro%g1of/posts",
                "GET /ws/rooms/" + room.roomId + "?since=%zz");
        for (String requestLine : requestLines) {
            try (LogCapture log = new LogCapture()) {
                Answer answer = RawHttp.send(RawHttp.head(requestLine + " HTTP/1.1",
                        "Authorization: Bearer " + room.owner.token(), "Content-Type: application/json",
                        "Content-Length: 15"), bytes("{\"body\": \"Hi\"}"));
                Thread.sleep(200);
                assertQuiet(log);
                assertEquals(400, answer.status(), requestLine);
            }
        }
        assertEquals(seqBefore, room.seq());
    }

    private static void assertQuiet(LogCapture log) {
        assertTrue(log.records().size() <= 1, "at most one log line:" + log.describe());
        for (LogRecord record : log.records()) {
            assertNull(record.getThrown(), "no stack trace:" + log.describe());
            assertTrue(record.getLevel().intValue() < Level.WARNING.intValue(),
                    "no warning or error:" + log.describe());
        }
    }

    private static Arguments row(String label, int status, String code, Function<DealRoomFixture, Answer> call) {
        return Arguments.of(label, status, code, call);
    }

    /**
     * The request, with the token if any, and a {@code Content-Length} for the body unless the headers give one or
     * say it comes in chunks.
     */
    private static Answer send(String method, String path, String token, byte[] body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (token != null) {
            all.add("Authorization: Bearer " + token);
        }
        if (all.stream().noneMatch(h -> h.startsWith("Content-Length:") || h.startsWith("Transfer-Encoding:"))) {
            all.add("Content-Length: " + body.length);
        }
        return RawHttp.send(RawHttp.head(method + " " + path + " HTTP/1.1", all.toArray(String[]::new)), body);
    }

    private static Answer openRoom(DealRoomFixture room, byte[] body, String... headers) {
        return send("POST", "/api/rooms", room.owner.token(), body, headers);
    }

    private static Answer upload(DealRoomFixture room, String contentType, String body) {
        return send("POST", "/api/rooms/" + room.roomId + "/groups/proof/documents", room.groupMember.token(),
                bytes(body), "Content-Type: " + contentType);
    }

    private static String typeWith(String boundary) {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A well-formed upload of one file. */
    private static String multipart(String boundary, String fileName, String content) {
        return "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + content + "\r\n"
                + "--" + boundary + "--\r\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int rooms(DealRoomFixture room) {
        return room.owner.api().get("/api/rooms").then().statusCode(200).extract().path("size()");
    }
}

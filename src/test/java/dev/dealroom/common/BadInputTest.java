package dev.dealroom.common;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.apache.http.entity.mime.HttpMultipartMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Invariant 4: bad input gets a problem body with a stable code (and the field, for validation errors),
 * never a 500, never a stack trace, and changes nothing in the room.
 */
@QuarkusTest
class BadInputTest {

    private static final String VALID_ROOM = """
            {"name": "R", "prospectAccount": "P", "targetDecisionDate": "2027-01-31"%s}""";

    static Stream<Arguments> badInput() {
        return Stream.of(badRequests(), unsafeText(), looseJson()).flatMap(rows -> rows);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                row("syntax error", 400, "malformed-json", null,
                        (s, r) -> r.body("{\"name\": ").post("/api/rooms")),
                row("array instead of object", 400, "malformed-json", null,
                        (s, r) -> r.body("[1, 2]").post("/api/rooms")),
                row("no body", 400, "validation-failed", "body",
                        (s, r) -> r.post("/api/rooms")),
                row("missing required field", 400, "validation-failed", "prospectAccount",
                        (s, r) -> r.body("{\"name\": \"R\", \"targetDecisionDate\": \"2027-01-31\"}").post("/api/rooms")),
                row("blank name", 400, "validation-failed", "name",
                        (s, r) -> r.body(VALID_ROOM.formatted("").replace("\"R\"", "\"   \"")).post("/api/rooms")),
                row("name over 200 characters", 400, "validation-failed", "name",
                        (s, r) -> r.body(VALID_ROOM.formatted("").replace("\"R\"", "\"" + "x".repeat(201) + "\""))
                                .post("/api/rooms")),
                row("unknown enum value", 400, "validation-failed", "stage",
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"stage\": \"WINNING\"")).post("/api/rooms")),
                row("wrong type", 400, "validation-failed", "amount",
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"amount\": \"lots\", \"currency\": \"EUR\""))
                                .post("/api/rooms")),
                row("impossible date", 400, "validation-failed", "targetDecisionDate",
                        (s, r) -> r.body(VALID_ROOM.formatted("").replace("2027-01-31", "2027-13-45"))
                                .post("/api/rooms")),
                row("implausible year", 400, "validation-failed", "targetDecisionDate",
                        (s, r) -> r.body(VALID_ROOM.formatted("").replace("2027-01-31", "1900-01-01"))
                                .post("/api/rooms")),
                row("amount without currency", 400, "validation-failed", "currency",
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"amount\": 1000")).post("/api/rooms")),
                row("negative amount", 400, "validation-failed", "amount",
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"amount\": -5, \"currency\": \"EUR\""))
                                .post("/api/rooms")),
                row("amount beyond 13 digits", 400, "validation-failed", "amount",
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"amount\": 1e20, \"currency\": \"EUR\""))
                                .post("/api/rooms")),
                row("currency not ISO 4217", 400, "validation-failed", "currency",
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"amount\": 5, \"currency\": \"euro\""))
                                .post("/api/rooms")),
                row("unknown field", 400, "validation-failed", "colour",
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"colour\": \"red\"")).post("/api/rooms")),
                row("huge body", 413, "payload-too-large", null,
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"x\": \"" + "y".repeat(300_000) + "\""))
                                .post("/api/rooms")),
                row("wrong media type", 415, "unsupported-media-type", null,
                        (s, r) -> r.contentType("text/plain").body("hello").post("/api/rooms")),
                row("method not allowed", 405, "method-not-allowed", null,
                        (s, r) -> r.delete("/api/rooms")),
                row("unknown API path", 404, "not-found", null,
                        (s, r) -> r.get("/api/nothing-here")),
                row("room id that is no UUID", 404, "not-found", null,
                        (s, r) -> r.get("/api/rooms/{r}", "'; drop table room; --")),
                row("room that does not exist", 404, "not-found", null,
                        (s, r) -> r.get("/api/rooms/{r}", UUID.randomUUID())),
                row("empty room update", 400, "validation-failed", null,
                        (s, r) -> r.body("{}").patch("/api/rooms/{r}", s.roomId())),
                row("update with wrong status", 400, "validation-failed", "status",
                        (s, r) -> r.body("{\"status\": \"MAYBE\"}").patch("/api/rooms/{r}", s.roomId())),
                row("member with invalid email", 400, "validation-failed", "email",
                        (s, r) -> r.body("{\"email\": \"not-an-email\", \"name\": \"N\", \"side\": \"BUYER\"}")
                                .post("/api/rooms/{r}/members", s.roomId())),
                row("member without side", 400, "validation-failed", "side",
                        (s, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\"}")
                                .post("/api/rooms/{r}/members", s.roomId())),
                row("seller as decision-maker", 400, "validation-failed", "decisionMaker",
                        (s, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\", \"side\": \"SELLER\", "
                                + "\"decisionMaker\": true}").post("/api/rooms/{r}/members", s.roomId())),
                row("member into unknown group", 400, "validation-failed", "groups[1]",
                        (s, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\", \"side\": \"BUYER\", "
                                + "\"groups\": [\"proof\", \"nope\"]}").post("/api/rooms/{r}/members", s.roomId())),
                row("member with an email already in the room", 409, "member-exists", null,
                        (s, r) -> r.body("{\"email\": \"" + s.room.groupMember.email().toUpperCase() + "\", "
                                + "\"name\": \"N\", \"side\": \"BUYER\"}").post("/api/rooms/{r}/members", s.roomId())),
                row("non-decision-maker into steering", 409, "group-membership-fixed", null,
                        (s, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\", \"side\": \"BUYER\", "
                                + "\"groups\": [\"steering\"]}").post("/api/rooms/{r}/members", s.roomId())),
                row("removing the owner", 409, "owner-cannot-be-removed", null,
                        (s, r) -> r.delete("/api/rooms/{r}/members/{m}", s.roomId(), s.ownerId())),
                row("removing a member who does not exist", 404, "not-found", null,
                        (s, r) -> r.delete("/api/rooms/{r}/members/{m}", s.roomId(), UUID.randomUUID())),
                row("group with blank name", 400, "validation-failed", "name",
                        (s, r) -> r.body("{\"name\": \"\"}").post("/api/rooms/{r}/groups", s.roomId())),
                row("group of a fixed kind", 400, "validation-failed", "kind",
                        (s, r) -> r.body("{\"name\": \"Mine\", \"kind\": \"STEERING\"}")
                                .post("/api/rooms/{r}/groups", s.roomId())),
                row("group with unknown member", 400, "validation-failed", "memberIds[0]",
                        (s, r) -> r.body("{\"name\": \"Mine\", \"memberIds\": [\"" + UUID.randomUUID() + "\"]}")
                                .post("/api/rooms/{r}/groups", s.roomId())),
                row("editing everyone's membership", 409, "group-membership-fixed", null,
                        (s, r) -> r.delete("/api/rooms/{r}/groups/everyone/members/{m}", s.roomId(), s.room.groupMemberId)),
                row("editing steering's membership", 409, "group-membership-fixed", null,
                        (s, r) -> r.put("/api/rooms/{r}/groups/steering/members/{m}", s.roomId(), s.room.groupMemberId)),
                row("group member who is not in the room", 404, "not-found", null,
                        (s, r) -> r.put("/api/rooms/{r}/groups/proof/members/{m}", s.roomId(), UUID.randomUUID())));
    }

    /** Issue 14, text: what a field, a path segment or a query parameter may hold ({@link Texts}). */
    static Stream<Arguments> unsafeText() {
        return Stream.of(
                row("NUL in a room name", 400, "validation-failed", "name", "invalid-format",
                        (s, r) -> r.body(room("R\u0000oom")).post("/api/rooms")),
                row("line break in a room name (forged log lines, failing email subjects)", 400,
                        "validation-failed", "name", "invalid-format",
                        (s, r) -> r.body(room("Acme\r\nINFO forged line")).post("/api/rooms")),
                row("C1 control (NEL) in an account name", 400, "validation-failed", "prospectAccount",
                        "invalid-format",
                        (s, r) -> r.body(VALID_ROOM.formatted("").replace("\"P\"", "\"P\\u0085\"")).post("/api/rooms")),
                row("line separator in a room name", 400, "validation-failed", "name", "invalid-format",
                        (s, r) -> r.body(room("A\u2028B")).post("/api/rooms")),
                row("direction override in a room name", 400, "validation-failed", "name", "invalid-format",
                        (s, r) -> r.body(room("invoice\u202Efdp.exe")).post("/api/rooms")),
                row("direction isolate in a member name", 400, "validation-failed", "name", "invalid-format",
                        (s, r) -> r.body(Map.of("email", "a@example.test", "name", "Eve\u2066", "side", "BUYER"))
                                .post("/api/rooms/{r}/members", s.roomId())),
                row("lone surrogate in a room name", 400, "validation-failed", "name", "invalid-format",
                        (s, r) -> r.body(VALID_ROOM.formatted("").replace("\"R\"", "\"a\\ud800b\"")).post("/api/rooms")),
                row("lone surrogate in a post body", 400, "validation-failed", "body", "invalid-format",
                        (s, r) -> r.body("{\"body\": \"a\\udc00b\"}").post(s.proof() + "/posts")),
                row("room name of zero-width characters", 400, "validation-failed", "name", "required",
                        (s, r) -> r.body(room("\u200B \u200D\uFEFF")).post("/api/rooms")),
                row("group name of a Hangul filler", 400, "validation-failed", "name", "required",
                        (s, r) -> r.body(Map.of("name", "\u3164")).post("/api/rooms/{r}/groups", s.roomId())),
                row("line feed in a group name", 400, "validation-failed", "name", "invalid-format",
                        (s, r) -> r.body(Map.of("name", "Pilot\nteam")).post("/api/rooms/{r}/groups", s.roomId())),
                row("NUL in a member's email", 400, "validation-failed", "email", "invalid-format",
                        (s, r) -> r.body(Map.of("email", "a\u0000@example.test", "name", "N", "side", "BUYER"))
                                .post("/api/rooms/{r}/members", s.roomId())),
                row("NUL in a member's title", 400, "validation-failed", "title", "invalid-format",
                        (s, r) -> r.body(Map.of("email", "a@example.test", "name", "N", "side", "BUYER",
                                "title", "CFO\u0000")).post("/api/rooms/{r}/members", s.roomId())),
                row("NUL in a group reference of a new member", 400, "validation-failed", "groups[0]",
                        "invalid-format",
                        (s, r) -> r.body(Map.of("email", "a@example.test", "name", "N", "side", "BUYER",
                                "groups", List.of("pro\u0000of"))).post("/api/rooms/{r}/members", s.roomId())),
                row("NUL in a post body", 400, "validation-failed", "body", "invalid-format",
                        (s, r) -> r.body(Map.of("body", "Hello\u0000")).post(s.proof() + "/posts")),
                row("carriage return in a post body", 400, "validation-failed", "body", "invalid-format",
                        (s, r) -> r.body(Map.of("body", "Line one\r\nLine two")).post(s.proof() + "/posts")),
                row("post body of spaces and zero-width joiners", 400, "validation-failed", "body", "required",
                        (s, r) -> r.body(Map.of("body", " \u200D \n\t")).post(s.proof() + "/posts")),
                row("escape character in a mention", 400, "validation-failed", "mentions[0]", "invalid-format",
                        (s, r) -> r.body(Map.of("body", "Hi", "mentions", List.of("\u001B[2J")))
                                .post(s.proof() + "/posts")),
                row("line feed in a task title", 400, "validation-failed", "title", "invalid-format",
                        (s, r) -> r.body(Map.of("title", "Step\none")).post(s.proof() + "/tasks")),
                row("vertical tab in a task description", 400, "validation-failed", "description",
                        "invalid-format",
                        (s, r) -> r.body(Map.of("title", "Step", "description", "a\u000Bb")).post(s.proof() + "/tasks")),
                row("task title blanked by PATCH", 400, "validation-failed", "title", "required",
                        (s, r) -> r.body(Map.of("title", "")).patch(s.task())),
                row("task title made invisible by PATCH", 400, "validation-failed", "title", "required",
                        (s, r) -> r.body(Map.of("title", "\u200B\u2060")).patch(s.task())),
                row("NUL in a blocked reason", 400, "validation-failed", "blockedReason", "invalid-format",
                        (s, r) -> r.body(Map.of("status", "BLOCKED", "blockedReason", "Waiting\u0000"))
                                .patch(s.task())),
                row("blocked reason that shows nothing", 400, "validation-failed", "blockedReason", "required",
                        (s, r) -> r.body(Map.of("status", "BLOCKED", "blockedReason", "\u200B")).patch(s.task())),
                row("NUL in a sign-off title", 400, "validation-failed", "title", "invalid-format",
                        (s, r) -> r.body(Map.of("title", "OK\u0000", "approverIds", List.of(s.ownerId())))
                                .post(s.proof() + "/signoffs")),
                row("NUL in a decision comment", 400, "validation-failed", "comment", "invalid-format",
                        (s, r) -> r.body(Map.of("decision", "APPROVED", "comment", "Fine\u0000"))
                                .post(s.signoff() + "/decision")),
                row("NUL in a group reference (path)", 400, "validation-failed", "groupId", "invalid-format",
                        (s, r) -> r.get("/api/rooms/{r}/groups/{g}/tasks", s.roomId(), "pro\u0000of")),
                row("NUL in a group reference of a write (path)", 400, "validation-failed", "groupId",
                        "invalid-format",
                        (s, r) -> r.body(Map.of("body", "Hi")).post("/api/rooms/{r}/groups/{g}/posts", s.roomId(),
                                "pro\u0000of")),
                row("control character in a query parameter", 400, "validation-failed", "before", "invalid-format",
                        (s, r) -> r.queryParam("before", "1\u0007").get(s.proof() + "/posts")),
                row("direction override in a file's name", 400, "validation-failed", "file", "invalid-format",
                        (s, r) -> upload(r, "invoice\u202Etxt.exe", null).post(s.proof() + "/documents")),
                row("line break in a document's name", 400, "validation-failed", "name", "invalid-format",
                        (s, r) -> upload(r, "notes.txt", "notes\r\nforged.txt").post(s.proof() + "/documents")),
                row("NUL in a document's name", 400, "validation-failed", "name", "invalid-format",
                        (s, r) -> upload(r, "notes.txt", "notes\u0000.txt").post(s.proof() + "/documents")),
                row("document name that shows nothing", 400, "validation-failed", "name", "required",
                        (s, r) -> upload(r, "notes.txt", "\u200B\u3164").post(s.proof() + "/documents")),
                row("group key that is no key", 404, "not-found", null, null,
                        (s, r) -> r.get("/api/rooms/{r}/groups/{g}/tasks", s.roomId(), "Proof' or '1'='1")));
    }

    /** Issue 14, strict JSON: one document, each key once, each value of its field's type and range. */
    static Stream<Arguments> looseJson() {
        return Stream.of(
                row("trailing garbage after the document", 400, "malformed-json", null, null,
                        (s, r) -> r.body(VALID_ROOM.formatted("") + " garbage").post("/api/rooms")),
                row("two documents", 400, "malformed-json", null, null,
                        (s, r) -> r.body(VALID_ROOM.formatted("") + VALID_ROOM.formatted("")).post("/api/rooms")),
                row("a key given twice", 400, "malformed-json", null, null,
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"name\": \"Other\"")).post("/api/rooms")),
                row("a number where text is expected", 400, "validation-failed", "name", "invalid-value",
                        (s, r) -> r.body(VALID_ROOM.formatted("").replace("\"R\"", "5")).post("/api/rooms")),
                row("a flag where text is expected", 400, "validation-failed", "body", "invalid-value",
                        (s, r) -> r.body("{\"body\": true}").post(s.proof() + "/posts")),
                row("text where a flag is expected", 400, "validation-failed", "decisionMaker", "invalid-value",
                        (s, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\", \"side\": \"BUYER\", "
                                + "\"decisionMaker\": \"true\"}").post("/api/rooms/{r}/members", s.roomId())),
                row("a number where a flag is expected", 400, "validation-failed", "milestone", "invalid-value",
                        (s, r) -> r.body("{\"title\": \"T\", \"milestone\": 1}").post(s.proof() + "/tasks")),
                row("an ordinal where a status is expected", 400, "validation-failed", "stage", "invalid-value",
                        (s, r) -> r.body(VALID_ROOM.formatted(", \"stage\": 1")).post("/api/rooms")),
                row("text where an integer is expected", 400, "validation-failed", "position", "invalid-value",
                        (s, r) -> r.body("{\"position\": \"5\"}").patch(s.task())),
                row("a fraction where an integer is expected", 400, "validation-failed", "position",
                        "invalid-value",
                        (s, r) -> r.body("{\"position\": 1.5}").patch(s.task())),
                row("an integer beyond its type", 400, "validation-failed", "position", "out-of-range",
                        (s, r) -> r.body("{\"position\": 4294967297}").patch(s.task())),
                row("a sequence number beyond its type", 400, "validation-failed", "seq", "out-of-range",
                        (s, r) -> r.body("{\"seq\": 99999999999999999999}").put(s.proof() + "/read")),
                row("a single value where a list is expected", 400, "validation-failed", "approverIds",
                        "invalid-value",
                        (s, r) -> r.body(Map.of("title", "OK", "approverIds", s.ownerId())).post(s.proof() + "/signoffs")),
                row("an empty string where a date is expected", 400, "validation-failed", "dueDate", "invalid-value",
                        (s, r) -> r.body("{\"title\": \"T\", \"dueDate\": \"\"}").post(s.proof() + "/tasks")),
                row("a number where a date is expected", 400, "validation-failed", "targetDecisionDate",
                        "invalid-value",
                        (s, r) -> r.body(VALID_ROOM.formatted("").replace("\"2027-01-31\"", "20000")).post("/api/rooms")),
                row("a page size beyond an integer", 400, "validation-failed", "limit", "out-of-range",
                        (s, r) -> r.queryParam("limit", "4294967297").get(s.proof() + "/posts")),
                row("an event page size beyond an integer", 400, "validation-failed", "limit", "out-of-range",
                        (s, r) -> r.queryParam("limit", "4294967297").get("/api/rooms/{r}/events", s.roomId())),
                row("a version beyond an integer", 400, "validation-failed", "version", "out-of-range",
                        (s, r) -> r.queryParam("version", "4294967297")
                                .get(s.proof() + "/documents/{d}/content", UUID.randomUUID())),
                row("a cursor beyond a long", 400, "validation-failed", "before", "out-of-range",
                        (s, r) -> r.queryParam("before", "99999999999999999999").get(s.proof() + "/posts")));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("badInput")
    void answersWithAProblemAndChangesNothing(String label, int status, String code, String field, String fieldCode,
            BiFunction<Scene, RequestSpecification, Response> call) {
        DealRoomFixture room = new DealRoomFixture();
        Scene scene = Scene.of(room);
        long seqBefore = room.seq();
        int roomsBefore = room.owner.api().get("/api/rooms").then().extract().path("size()");

        Response response = call.apply(scene, room.owner.api());

        response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body(not(containsString("Exception")))
                .body(not(containsString("dev.dealroom")));
        if (field != null) {
            response.then().body("errors.field", hasItem(field));
        }
        if (fieldCode != null) {
            response.then().body("errors.findAll { it.field == '%s' }.code".formatted(field), hasItem(fieldCode));
        }
        assertEquals(seqBefore, room.seq(), "a refused request appends no event");
        assertEquals(roomsBefore, (int) room.owner.api().get("/api/rooms").then().extract().path("size()"),
                "a refused request creates no room");
    }

    /** The other side of the text rules: what people really write is kept exactly as they wrote it. */
    @Test
    void keepsWhatPeopleReallyWrite() {
        DealRoomFixture room = new DealRoomFixture();
        String name = "Société Générale — 東京 🚀 Ελλάδα";
        String roomId = room.owner.api().body(room(name)).post("/api/rooms").then().statusCode(201)
                .body("room.name", equalTo(name)).extract().path("room.id");
        room.owner.api().get("/api/rooms/{r}", roomId).then().statusCode(200).body("room.name", equalTo(name));

        // lines, tabs, right-to-left text in its isolates and a zero-width joiner inside an emoji
        String body = "Bonjour,\n\t- étape 1\n\u2067مرحبا\u2069 👩\u200D💻";
        String postId = room.owner.api().body(Map.of("body", body)).post("/api/rooms/{r}/groups/proof/posts",
                room.roomId).then().statusCode(201).body("body", equalTo(body)).extract().path("id");
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, postId).then().statusCode(200)
                .body("body", equalTo(body));
    }

    private static Arguments row(String label, int status, String code, String field,
            BiFunction<Scene, RequestSpecification, Response> call) {
        return row(label, status, code, field, null, call);
    }

    private static Arguments row(String label, int status, String code, String field, String fieldCode,
            BiFunction<Scene, RequestSpecification, Response> call) {
        return Arguments.of(label, status, code, field, fieldCode, call);
    }

    /**
     * A small text file, under a file name and, if given, a document name, both sent as UTF-8 as browsers send
     * them (the HTTP client's default would write non-ASCII characters as '?').
     */
    private static RequestSpecification upload(RequestSpecification request, String fileName, String name) {
        request.config(RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE))
                .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8)))
                .contentType("multipart/form-data; charset=UTF-8")
                .multiPart(new MultiPartSpecBuilder("Meeting notes".getBytes(StandardCharsets.UTF_8))
                        .controlName("file").fileName(fileName).mimeType("text/plain").build());
        return name == null ? request
                : request.multiPart(new MultiPartSpecBuilder(name).controlName("name").charset(StandardCharsets.UTF_8)
                        .build());
    }

    private static Map<String, String> room(String name) {
        return Map.of("name", name, "prospectAccount", "P", "targetDecisionDate", "2027-01-31");
    }

    /** A fresh room with a task and a sign-off asked of its owner, made before the refused request. */
    record Scene(DealRoomFixture room, String ownerId, String task, String signoff) {

        static Scene of(DealRoomFixture room) {
            String ownerId = room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
            return new Scene(room, ownerId, ConcurrencyTableTest.taskPath(room),
                    ConcurrencyTableTest.signoffPath(room, ownerId));
        }

        String roomId() {
            return room.roomId;
        }

        String proof() {
            return "/api/rooms/" + room.roomId + "/groups/proof";
        }
    }

}

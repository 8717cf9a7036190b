package dev.dealroom.common;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
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

    static Stream<Arguments> badRequests() {
        return Stream.of(
                row("syntax error", 400, "malformed-json", null,
                        (f, r) -> r.body("{\"name\": ").post("/api/rooms")),
                row("array instead of object", 400, "malformed-json", null,
                        (f, r) -> r.body("[1, 2]").post("/api/rooms")),
                row("no body", 400, "validation-failed", "body",
                        (f, r) -> r.post("/api/rooms")),
                row("missing required field", 400, "validation-failed", "prospectAccount",
                        (f, r) -> r.body("{\"name\": \"R\", \"targetDecisionDate\": \"2027-01-31\"}").post("/api/rooms")),
                row("blank name", 400, "validation-failed", "name",
                        (f, r) -> r.body(VALID_ROOM.formatted("").replace("\"R\"", "\"   \"")).post("/api/rooms")),
                row("name over 200 characters", 400, "validation-failed", "name",
                        (f, r) -> r.body(VALID_ROOM.formatted("").replace("\"R\"", "\"" + "x".repeat(201) + "\""))
                                .post("/api/rooms")),
                row("unknown enum value", 400, "validation-failed", "stage",
                        (f, r) -> r.body(VALID_ROOM.formatted(", \"stage\": \"WINNING\"")).post("/api/rooms")),
                row("wrong type", 400, "validation-failed", "amount",
                        (f, r) -> r.body(VALID_ROOM.formatted(", \"amount\": \"lots\", \"currency\": \"EUR\""))
                                .post("/api/rooms")),
                row("impossible date", 400, "validation-failed", "targetDecisionDate",
                        (f, r) -> r.body(VALID_ROOM.formatted("").replace("2027-01-31", "2027-13-45"))
                                .post("/api/rooms")),
                row("implausible year", 400, "validation-failed", "targetDecisionDate",
                        (f, r) -> r.body(VALID_ROOM.formatted("").replace("2027-01-31", "1900-01-01"))
                                .post("/api/rooms")),
                row("amount without currency", 400, "validation-failed", "currency",
                        (f, r) -> r.body(VALID_ROOM.formatted(", \"amount\": 1000")).post("/api/rooms")),
                row("negative amount", 400, "validation-failed", "amount",
                        (f, r) -> r.body(VALID_ROOM.formatted(", \"amount\": -5, \"currency\": \"EUR\""))
                                .post("/api/rooms")),
                row("amount beyond 13 digits", 400, "validation-failed", "amount",
                        (f, r) -> r.body(VALID_ROOM.formatted(", \"amount\": 1e20, \"currency\": \"EUR\""))
                                .post("/api/rooms")),
                row("currency not ISO 4217", 400, "validation-failed", "currency",
                        (f, r) -> r.body(VALID_ROOM.formatted(", \"amount\": 5, \"currency\": \"euro\""))
                                .post("/api/rooms")),
                row("unknown field", 400, "validation-failed", "colour",
                        (f, r) -> r.body(VALID_ROOM.formatted(", \"colour\": \"red\"")).post("/api/rooms")),
                row("huge body", 413, "payload-too-large", null,
                        (f, r) -> r.body(VALID_ROOM.formatted(", \"x\": \"" + "y".repeat(300_000) + "\""))
                                .post("/api/rooms")),
                row("wrong media type", 415, "unsupported-media-type", null,
                        (f, r) -> r.contentType("text/plain").body("hello").post("/api/rooms")),
                row("method not allowed", 405, "method-not-allowed", null,
                        (f, r) -> r.delete("/api/rooms")),
                row("unknown API path", 404, "not-found", null,
                        (f, r) -> r.get("/api/nothing-here")),
                row("room id that is no UUID", 404, "not-found", null,
                        (f, r) -> r.get("/api/rooms/{r}", "'; drop table room; --")),
                row("room that does not exist", 404, "not-found", null,
                        (f, r) -> r.get("/api/rooms/{r}", UUID.randomUUID())),
                row("empty room update", 400, "validation-failed", null,
                        (f, r) -> r.body("{}").patch("/api/rooms/{r}", f.roomId)),
                row("update with wrong status", 400, "validation-failed", "status",
                        (f, r) -> r.body("{\"status\": \"MAYBE\"}").patch("/api/rooms/{r}", f.roomId)),
                row("member with invalid email", 400, "validation-failed", "email",
                        (f, r) -> r.body("{\"email\": \"not-an-email\", \"name\": \"N\", \"side\": \"BUYER\"}")
                                .post("/api/rooms/{r}/members", f.roomId)),
                row("member without side", 400, "validation-failed", "side",
                        (f, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\"}")
                                .post("/api/rooms/{r}/members", f.roomId)),
                row("seller as decision-maker", 400, "validation-failed", "decisionMaker",
                        (f, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\", \"side\": \"SELLER\", "
                                + "\"decisionMaker\": true}").post("/api/rooms/{r}/members", f.roomId)),
                row("member into unknown group", 400, "validation-failed", "groups[1]",
                        (f, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\", \"side\": \"BUYER\", "
                                + "\"groups\": [\"proof\", \"nope\"]}").post("/api/rooms/{r}/members", f.roomId)),
                row("member with an email already in the room", 409, "member-exists", null,
                        (f, r) -> r.body("{\"email\": \"" + f.groupMember.email().toUpperCase() + "\", "
                                + "\"name\": \"N\", \"side\": \"BUYER\"}").post("/api/rooms/{r}/members", f.roomId)),
                row("non-decision-maker into steering", 409, "group-membership-fixed", null,
                        (f, r) -> r.body("{\"email\": \"a@example.test\", \"name\": \"N\", \"side\": \"BUYER\", "
                                + "\"groups\": [\"steering\"]}").post("/api/rooms/{r}/members", f.roomId)),
                row("removing the owner", 409, "owner-cannot-be-removed", null,
                        (f, r) -> r.delete("/api/rooms/{r}/members/{m}", f.roomId, ownerId(f))),
                row("removing a member who does not exist", 404, "not-found", null,
                        (f, r) -> r.delete("/api/rooms/{r}/members/{m}", f.roomId, UUID.randomUUID())),
                row("group with blank name", 400, "validation-failed", "name",
                        (f, r) -> r.body("{\"name\": \"\"}").post("/api/rooms/{r}/groups", f.roomId)),
                row("group of a fixed kind", 400, "validation-failed", "kind",
                        (f, r) -> r.body("{\"name\": \"Mine\", \"kind\": \"STEERING\"}")
                                .post("/api/rooms/{r}/groups", f.roomId)),
                row("group with unknown member", 400, "validation-failed", "memberIds[0]",
                        (f, r) -> r.body("{\"name\": \"Mine\", \"memberIds\": [\"" + UUID.randomUUID() + "\"]}")
                                .post("/api/rooms/{r}/groups", f.roomId)),
                row("editing everyone's membership", 409, "group-membership-fixed", null,
                        (f, r) -> r.delete("/api/rooms/{r}/groups/everyone/members/{m}", f.roomId, f.groupMemberId)),
                row("editing steering's membership", 409, "group-membership-fixed", null,
                        (f, r) -> r.put("/api/rooms/{r}/groups/steering/members/{m}", f.roomId, f.groupMemberId)),
                row("group member who is not in the room", 404, "not-found", null,
                        (f, r) -> r.put("/api/rooms/{r}/groups/proof/members/{m}", f.roomId, UUID.randomUUID())));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("badRequests")
    void answersWithAProblemAndChangesNothing(String label, int status, String code, String field,
            BiFunction<DealRoomFixture, RequestSpecification, Response> call) {
        DealRoomFixture room = new DealRoomFixture();
        long seqBefore = room.seq();
        int roomsBefore = room.owner.api().get("/api/rooms").then().extract().path("size()");

        Response response = call.apply(room, room.owner.api());

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
        assertEquals(seqBefore, room.seq(), "a refused request appends no event");
        assertEquals(roomsBefore, (int) room.owner.api().get("/api/rooms").then().extract().path("size()"),
                "a refused request creates no room");
    }

    private static Arguments row(String label, int status, String code, String field,
            BiFunction<DealRoomFixture, RequestSpecification, Response> call) {
        return Arguments.of(label, status, code, field, call);
    }

    private static String ownerId(DealRoomFixture room) {
        return room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
    }

}

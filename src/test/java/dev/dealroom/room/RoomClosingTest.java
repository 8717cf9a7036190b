package dev.dealroom.room;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Sql;
import dev.dealroom.support.LockHolder;
import dev.dealroom.support.Person;
import dev.dealroom.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A deal declared won or lost closes its room: with a reason, the owner's call; read-only for everyone until the
 * owner reopens it; readable by the buyer's side for {@code dealroom.rooms.buyer-access-after-close} (30 days here),
 * then answered with a notice; out of the pipeline, into its archive.
 */
@QuarkusTest
class RoomClosingTest {

    private static final String REASON = "Chosen for the data warehouse connector; signed 3 December";

    @Inject
    TestClock clock;
    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void closingAsksTheOwnerForAReasonThatOnlyTheSellersSideReads() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("status", "WON")).patch("/api/rooms/{r}", room.roomId).then().statusCode(400)
                .body("errors[0].field", equalTo("closeReason"));
        room.owner.api().body(Map.of("status", "WON", "closeReason", " \u200b ")).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(400).body("errors[0].field", equalTo("closeReason"));
        room.owner.api().body(Map.of("stage", "CLOSING", "closeReason", REASON)).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(400).body("errors[0].field", equalTo("closeReason"));
        room.owner.api().body(Map.of("status", "WON", "closeReason", "x".repeat(1001)))
                .patch("/api/rooms/{r}", room.roomId).then().statusCode(400);
        room.decisionMaker.api().body(Map.of("status", "WON", "closeReason", REASON))
                .patch("/api/rooms/{r}", room.roomId).then().statusCode(403);
        long before = room.seq();

        room.owner.api().body(Map.of("status", "WON", "closeReason", REASON)).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(200)
                .body("room.status", equalTo("WON"))
                .body("room.closedAt", notNullValue())
                .body("closeReason", equalTo(REASON))
                .body("readUntil", nullValue())
                .body("may", hasItem("room.decide")) // reopening, and reading
                .body("may", everyItem(anyOf(equalTo("room.decide"), endsWith(".view"), equalTo("template.save"),
                        equalTo("room.export"), startsWith("member.erase"))));
        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then().statusCode(200)
                .body("room.status", equalTo("WON"))
                .body("closeReason", nullValue())
                .body("readUntil", notNullValue())
                .body("may", equalTo(List.of("member.erase_self"))); // a buyer may still take their data out
        // one event, which every member gets: the closing without its reason
        room.groupMember.api().get("/api/rooms/{r}/events?since={s}", room.roomId, before).then().statusCode(200)
                .body("events.type", equalTo(List.of("room.updated")))
                .body("events[0].data.closedAt", notNullValue())
                .body("events[0].data", not(org.hamcrest.Matchers.hasKey("closeReason")))
                .body(not(containsString("data warehouse connector")));
    }

    @Test
    void aClosedRoomTakesNoChangeFromAnyoneButItsReopeningAndStillReads() {
        DealRoomFixture room = new DealRoomFixture();
        String retryId = UUID.randomUUID().toString();
        Map<String, Object> newTask = Map.of("title", "Sign the order form", "ownerId", room.groupMemberId,
                "clientId", retryId);
        String task = room.owner.api().body(newTask).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then()
                .statusCode(201).extract().path("id");
        // the next post, and this one's edit, may take one statement
        String before = post(room.groupMember, room, "Before the decision").then().statusCode(201).extract().path("id");
        close(room, "LOST", "Budget moved to next year");

        List<Response> refused = List.of(
                post(room.groupMember, room, "After the decision"),
                post(room.owner, room, "After the decision, from the owner"),
                room.groupMember.api().body(Map.of("body", "Edited after the decision"))
                        .patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, before),
                room.groupMember.api().delete("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, before),
                room.owner.api().body(Map.of("taskIds", List.of(task)))
                        .put("/api/rooms/{r}/groups/proof/tasks/order", room.roomId),
                room.owner.api().put("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, room.outsiderId),
                room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, room.outsiderId),
                room.owner.api().post("/api/rooms/{r}/members/{m}/invitations", room.roomId, room.groupMemberId),
                room.groupMember.api().body(Map.of("status", "DONE"))
                        .patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task),
                room.owner.api().body(Map.of("title", "One more thing"))
                        .post("/api/rooms/{r}/groups/proof/tasks", room.roomId),
                room.groupMember.api().body(Map.of("title", "Accepted", "approverIds", List.of(room.decisionMakerId)))
                        .post("/api/rooms/{r}/groups/proof/signoffs", room.roomId),
                room.groupMember.api().contentType("multipart/form-data")
                        .multiPart("file", "late.txt", "late".getBytes(), "text/plain")
                        .post("/api/rooms/{r}/groups/proof/documents", room.roomId),
                room.owner.api().body(Map.of("name", "Post mortem")).post("/api/rooms/{r}/groups", room.roomId),
                room.owner.api().body(Map.of("email", Person.random("late").email(), "name", "Late Comer",
                        "side", "BUYER")).post("/api/rooms/{r}/members", room.roomId),
                room.decisionMaker.api().body(Map.of("topic", "OVERDUE_TASKS"))
                        .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId),
                room.decisionMaker.api().body(Map.of("stage", "CLOSING")).patch("/api/rooms/{r}", room.roomId),
                room.owner.api().body(Map.of("status", "OPEN", "stage", "CLOSING")).patch("/api/rooms/{r}", room.roomId),
                room.owner.api().body(Map.of("status", "WON", "closeReason", "Changed our minds"))
                        .patch("/api/rooms/{r}", room.roomId));
        for (Response response : refused) {
            response.then().statusCode(409).body("code", equalTo("room-closed"));
        }
        // a retry of a write made before the closing answers what it made, as any retry does
        room.owner.api().body(newTask).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201)
                .body("id", equalTo(task));
        room.groupMember.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(200)
                .body("posts.body", equalTo(List.of("Before the decision")));
        room.groupMember.api().get("/api/rooms/{r}/plan", room.roomId).then().statusCode(200);
        room.owner.api().get("/api/rooms/{r}/invitations", room.roomId).then().statusCode(200);
        room.groupMember.api().body(Map.of("seq", room.seq())).put("/api/rooms/{r}/groups/proof/read", room.roomId)
                .then().statusCode(200);
        // a decided deal owes nothing, and its room is still listed
        room.groupMember.api().get("/api/me/agenda").then().statusCode(200)
                .body("tasks.taskId", not(hasItem(task)))
                .body("rooms.roomId", hasItem(room.roomId));

        room.decisionMaker.api().body(Map.of("status", "OPEN")).patch("/api/rooms/{r}", room.roomId).then()
                .statusCode(403);
        room.owner.api().body(Map.of("status", "OPEN")).patch("/api/rooms/{r}", room.roomId).then().statusCode(200)
                .body("room.status", equalTo("OPEN"))
                .body("room.closedAt", nullValue())
                .body("closeReason", nullValue());
        post(room.groupMember, room, "Back on").then().statusCode(201);
    }

    /**
     * A write whose checks read the room open, then waited for the room's row while the room closed, does not land:
     * by the ordinary path (a first post), a post's one statement, and an edit's.
     */
    @ParameterizedTest
    @ValueSource(strings = { "ordinary", "statement", "edit" })
    void aWriteThatWaitedWhileTheRoomClosedDoesNotLand(String path) throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        String earlier = path.equals("ordinary") ? null : post(room.groupMember, room, "Before the decision").then()
                .statusCode(201).extract().path("id");
        long before = room.seq();
        CompletableFuture<Response> late;
        try (LockHolder closer = LockHolder.take(dataSource,
                LockHolder.Lock.of("select 1 from room where id = cast(? as uuid) for update", room.roomId))) {
            late = CompletableFuture.supplyAsync(() -> earlier != null && path.equals("edit")
                    ? room.groupMember.api().body(Map.of("body", "Edited as it closed"))
                            .patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, earlier)
                    : post(room.groupMember, room, "Posted as it closed"));
            closer.commitWhenQueued(1, LockHolder.Lock.of("update room set status = 'LOST', closed_at = now(),"
                    + " close_reason = 'Lost as it was written' where id = cast(? as uuid)", room.roomId));
        }
        late.get(30, TimeUnit.SECONDS).then().statusCode(409).body("code", equalTo("room-closed"));
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(200)
                .body("posts.body", equalTo(earlier == null ? List.of() : List.of("Before the decision")));
        assertEquals(before, room.seq(), "no event either");
    }

    @Test
    void theBuyersSideReadsAClosedRoomForAWhileThenGetsANoticeAndTheSellersKeepIt() {
        DealRoomFixture room = new DealRoomFixture();
        close(room, "WON", REASON);
        String readUntil = room.groupMember.api().get("/api/rooms/{r}", room.roomId).then().statusCode(200)
                .extract().path("readUntil");
        Instant until = Instant.parse(readUntil);

        clock.fix(until.minusSeconds(60), java.time.ZoneOffset.UTC);
        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then().statusCode(200);
        room.groupMember.api().get("/api/rooms").then().body("id", hasItem(room.roomId));

        clock.fix(until, java.time.ZoneOffset.UTC);
        for (Person buyer : List.of(room.groupMember, room.decisionMaker)) {
            buyer.api().get("/api/rooms/{r}", room.roomId).then().statusCode(410)
                    .body("code", equalTo("room-access-ended"))
                    .body("detail", containsString("closed on"));
            buyer.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(410);
            buyer.api().post("/api/rooms/{r}/live-tickets", room.roomId).then().statusCode(410);
            buyer.api().get("/api/rooms").then().body("id", not(hasItem(room.roomId)));
            buyer.api().get("/api/pipeline?archived=true").then().body("rooms.roomId", not(hasItem(room.roomId)));
        }
        room.decisionMaker.api().header("Accept-Language", "fr").get("/api/rooms/{r}", room.roomId).then()
                .statusCode(410).body("detail", containsString("fermée le"));
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(200);
        room.owner.api().get("/api/rooms").then().body("id", hasItem(room.roomId));
        assertEquals(Duration.ofDays(30), Duration.between(Instant.parse(room.owner.api()
                .get("/api/rooms/{r}", room.roomId).then().extract().path("room.closedAt")), until));
    }

    @Test
    void aBuyersOpenSocketEndsWithTheirReadWindowAndTheSellersDoesNot() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        close(room, "WON", REASON);
        // closed long enough ago that the buyers' read window ends in a moment (the logins' clock is not moved)
        Sql.updateOne(dataSource, "update room set closed_at = now() - interval '30 days' + interval '3 seconds'"
                + " where id = cast(? as uuid)", room.roomId);

        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, room.seq());
                LiveClient seller = LiveClient.connect(room.owner, room.roomId, room.seq())) {
            buyer.nextOfType("ready");
            seller.nextOfType("ready");
            // closed as a login's end closes it: the client asks for a new ticket, which the 410 answers
            assertEquals(4401, buyer.awaitClose());
            room.groupMember.api().post("/api/rooms/{r}/live-tickets", room.roomId).then().statusCode(410);
            room.owner.api().body(Map.of("status", "OPEN")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);
            assertEquals("room.updated", seller.nextOfType("room.updated").get("type"));
        }
    }

    @Test
    void closedRoomsLeaveThePipelineForItsArchive() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().get("/api/pipeline").then().body("rooms.roomId", hasItem(room.roomId));
        close(room, "LOST", "Went with the incumbent");

        room.owner.api().get("/api/pipeline").then().statusCode(200).body("rooms.roomId", not(hasItem(room.roomId)));
        room.owner.api().get("/api/pipeline?archived=true").then().statusCode(200)
                .body("rooms.find { it.roomId == '" + room.roomId + "' }.status", equalTo("LOST"))
                .body("rooms.find { it.roomId == '" + room.roomId + "' }.closeReason", equalTo("Went with the incumbent"))
                .body("rooms.find { it.roomId == '" + room.roomId + "' }.closedAt", notNullValue());
        room.decisionMaker.api().get("/api/pipeline?archived=true").then().statusCode(200)
                .body("rooms.find { it.roomId == '" + room.roomId + "' }.closeReason", nullValue());
        room.owner.api().get("/api/pipeline?archived=yes").then().statusCode(400)
                .body("errors[0].field", equalTo("archived"));
    }

    @Test
    void aRoomOpensUndecided() {
        Person seller = Person.random("seller");
        seller.api().body(Map.of("name", "Won already?", "prospectAccount", "P", "targetDecisionDate", "2027-06-30",
                "status", "WON", "clientId", UUID.randomUUID().toString())).post("/api/rooms").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    private static void close(DealRoomFixture room, String status, String reason) {
        room.owner.api().body(Map.of("status", status, "closeReason", reason)).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(200);
    }

    private static Response post(Person who, DealRoomFixture room, String body) {
        RequestSpecification request = who.api().body(Map.of("body", body, "clientId", UUID.randomUUID().toString()));
        return request.post("/api/rooms/{r}/groups/proof/posts", room.roomId);
    }
}

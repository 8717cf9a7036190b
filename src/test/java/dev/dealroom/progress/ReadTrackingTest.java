package dev.dealroom.progress;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/** Unread counts and who-has-seen lists follow reads exactly, over REST and over the WebSocket. */
@QuarkusTest
class ReadTrackingTest {

    @Test
    void unreadCountsFollowReadsAndIgnoreTheReadersOwnEvents() {
        DealRoomFixture room = new DealRoomFixture();
        for (int i = 1; i <= 3; i++) {
            post(room, room.owner, "Update " + i);
        }
        post(room, room.groupMember, "My own note");
        assertEquals(3, unread(room, room.groupMember, room.proofId));

        long afterSecond = room.seq() - 2;
        room.groupMember.api().body(Map.of("seq", afterSecond)).put("/api/rooms/{r}/groups/proof/read", room.roomId)
                .then().statusCode(200).body("lastReadSeq", equalTo((int) afterSecond)).body("unread", equalTo(1));
        // A marker never moves back, nor past the room's newest seq.
        room.groupMember.api().body(Map.of("seq", 1)).put("/api/rooms/{r}/groups/proof/read", room.roomId).then()
                .body("lastReadSeq", equalTo((int) afterSecond));
        room.groupMember.api().body(Map.of("seq", 1_000_000)).put("/api/rooms/{r}/groups/proof/read", room.roomId)
                .then().body("lastReadSeq", equalTo((int) room.seq())).body("unread", equalTo(0));
        room.groupMember.api().body(Map.of("seq", -1)).put("/api/rooms/{r}/groups/proof/read", room.roomId).then()
                .statusCode(400);
    }

    @Test
    void readsOverTheWebSocketCountAndSurviveReconnects() {
        DealRoomFixture room = new DealRoomFixture();
        post(room, room.owner, "Kick-off agenda");
        long seq = room.seq();
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, 0)) {
            buyer.replay();
            buyer.send("{\"type\": \"read\", \"groupId\": \"proof\", \"seq\": " + seq + "}");
            // A group the member is not in is ignored, silently.
            buyer.send("{\"type\": \"read\", \"groupId\": \"contracts\", \"seq\": " + seq + "}");
            awaitUnread(room, room.groupMember, room.proofId, 0);
        }
        post(room, room.owner, "Agenda, revised");
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, seq)) {
            buyer.nextOfType("post.created");
            assertEquals(1, unread(room, room.groupMember, room.proofId), "reconnecting reads nothing by itself");
            buyer.send("{\"type\": \"read\", \"groupId\": \"" + room.proofId + "\", \"seq\": " + (seq + 1) + "}");
            awaitUnread(room, room.groupMember, room.proofId, 0);
        }
    }

    @Test
    void keyUpdatesListWhoHasAndHasNotSeenThem() {
        DealRoomFixture room = new DealRoomFixture();
        String ownerId = room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
        room.decisionMaker.api().body(Map.of("body", "Pricing is final", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        post(room, room.owner, "Not a key update");
        long announcement = room.seq() - 1;

        room.owner.api().get("/api/rooms/{r}/key-updates", room.roomId).then().statusCode(200)
                .body("seq", contains((int) announcement))
                .body("[0].type", equalTo("post.created"))
                .body("[0].seenBy", contains(room.decisionMakerId))
                .body("[0].notSeenBy", containsInAnyOrder(ownerId, room.groupMemberId));

        room.groupMember.api().body(Map.of("seq", announcement)).put("/api/rooms/{r}/groups/proof/read", room.roomId)
                .then().statusCode(200);
        room.owner.api().get("/api/rooms/{r}/key-updates", room.roomId).then()
                .body("[0].seenBy", containsInAnyOrder(room.decisionMakerId, room.groupMemberId))
                .body("[0].notSeenBy", contains(ownerId));
        // The outsider is not in proof: none of its key updates are theirs to see.
        room.outsider.api().get("/api/rooms/{r}/key-updates", room.roomId).then().body("$", empty());
    }

    private static void post(DealRoomFixture room, Person author, String body) {
        author.api().body(Map.of("body", body)).post("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .statusCode(201);
    }

    private static long unread(DealRoomFixture room, Person person, String groupId) {
        return person.api().get("/api/rooms/{r}/unread", room.roomId).then().statusCode(200).extract()
                .<Number>path("find { it.groupId == '%s' }.unread".formatted(groupId)).longValue();
    }

    /** WebSocket reads are applied asynchronously; wait (bounded) for the count to settle. */
    private static void awaitUnread(DealRoomFixture room, Person person, String groupId, long expected) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (unread(room, person, groupId) != expected) {
            if (System.currentTimeMillis() > deadline) {
                assertEquals(expected, unread(room, person, groupId));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

package dev.dealroom.common;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/** Invariant 3: a create retried with its client id creates nothing more and answers the original. */
@QuarkusTest
class IdempotencyTest {

    @Test
    void theSameCreateTwiceMakesOneRowAndOneEvent() {
        DealRoomFixture room = new DealRoomFixture();
        String clientId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("body", "Sent twice", "clientId", clientId);
        long seq = room.seq();

        String first = room.groupMember.api().body(body).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201).extract().asString();
        String second = room.groupMember.api().body(body).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201).extract().asString();

        assertEquals(first, second);
        assertEquals(seq + 1, room.seq());
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then().body("posts.size()", equalTo(1));
    }

    @Test
    void theSameCreateSentConcurrentlyMakesOneRowAndOneEvent() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> room.groupMember.api().header("Idempotency-Key", key)
                        .body(Map.of("title", "Book the kick-off")).post("/api/rooms/{r}/groups/proof/tasks",
                                room.roomId)
                        .then().statusCode(201).extract().<String>path("id")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(seq + 1, room.seq());
        room.owner.api().get("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().body("size()", equalTo(1));
    }

    @Test
    void everyKindOfCreateHonoursTheKey() {
        Person seller = Person.random("seller");
        Map<String, Object> room = Map.of("name", "Retry room", "prospectAccount", "P",
                "targetDecisionDate", "2027-01-01", "clientId", "room-1");
        String roomId = seller.api().body(room).post("/api/rooms").then().statusCode(201).extract().path("room.id");
        seller.api().body(room).post("/api/rooms").then().statusCode(201).body("room.id", equalTo(roomId));
        seller.api().get("/api/rooms").then().body("size()", equalTo(1));

        Person buyer = Person.random("buyer");
        Map<String, Object> member = Map.of("email", buyer.email(), "name", "B", "side", "BUYER", "clientId", "m-1");
        String memberId = seller.api().body(member).post("/api/rooms/{r}/members", roomId).then().statusCode(201)
                .extract().path("id");
        seller.api().body(member).post("/api/rooms/{r}/members", roomId).then().statusCode(201)
                .body("id", equalTo(memberId));

        Map<String, Object> group = Map.of("name", "Security", "clientId", "g-1");
        String groupId = seller.api().body(group).post("/api/rooms/{r}/groups", roomId).then().statusCode(201)
                .extract().path("id");
        seller.api().body(group).post("/api/rooms/{r}/groups", roomId).then().statusCode(201)
                .body("id", equalTo(groupId));

        Map<String, Object> signoff = Map.of("title", "Go", "approverIds", List.of(memberId), "clientId", "s-1");
        seller.api().put("/api/rooms/{r}/groups/proof/members/{m}", roomId, memberId).then().statusCode(200);
        String signoffId = seller.api().body(signoff).post("/api/rooms/{r}/groups/proof/signoffs", roomId).then()
                .statusCode(201).extract().path("id");
        seller.api().body(signoff).post("/api/rooms/{r}/groups/proof/signoffs", roomId).then().statusCode(201)
                .body("id", equalTo(signoffId));

        String document = seller.api().contentType("multipart/form-data").header("Idempotency-Key", "d-1")
                .multiPart("file", "a.txt", "same".getBytes(), "text/plain")
                .post("/api/rooms/{r}/groups/proof/documents", roomId).then().statusCode(201).extract().asString();
        String again = seller.api().contentType("multipart/form-data").header("Idempotency-Key", "d-1")
                .multiPart("file", "a.txt", "same".getBytes(), "text/plain")
                .post("/api/rooms/{r}/groups/proof/documents", roomId).then().statusCode(201).extract().asString();
        assertEquals(document, again);
        seller.api().get("/api/rooms/{r}/groups/proof/documents", roomId).then().body("[0].versions.size()",
                equalTo(1));
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of("body", "One", "clientId", "k-1"))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        room.groupMember.api().body(Map.of("body", "Two", "clientId", "k-1"))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(409)
                .body("code", equalTo("idempotency-key-reused"));
        room.groupMember.api().header("Idempotency-Key", "k-2").body(Map.of("body", "Three", "clientId", "k-3"))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(400);
        room.groupMember.api().body(Map.of("body", "Four", "clientId", "not a valid key!"))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(400)
                .body("errors[0].field", equalTo("clientId"));
    }

    /** Invariant 7: the same id sent to another group or room is refused, never answered with the first one's item. */
    @Test
    void aKeyBelongsToItsTargetGroupAndRoom() {
        DealRoomFixture room = new DealRoomFixture();
        Map<String, Object> post = Map.of("body", "Same words, two groups", "clientId", "k-target");
        room.decisionMaker.api().body(post).post("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .statusCode(201);
        long seq = room.seq();
        room.decisionMaker.api().body(post).post("/api/rooms/{r}/groups/steering/posts", room.roomId).then()
                .statusCode(409).body("code", equalTo("idempotency-key-reused"));
        room.decisionMaker.api().get("/api/rooms/{r}/groups/steering/posts", room.roomId).then()
                .body("posts.size()", equalTo(0));
        assertEquals(seq, room.seq(), "nothing was written");
        // the same group by key or by id is the same target
        room.decisionMaker.api().body(post).post("/api/rooms/{r}/groups/{g}/posts", room.roomId, room.proofId).then()
                .statusCode(201);

        Map<String, Object> task = Map.of("title", "Same task", "clientId", "k-task");
        room.owner.api().body(task).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);
        room.owner.api().body(task).post("/api/rooms/{r}/groups/contracts/tasks", room.roomId).then().statusCode(409)
                .body("code", equalTo("idempotency-key-reused"));

        String otherRoom = DealRoomFixture.createRoom(room.owner, "Another deal");
        Map<String, Object> group = Map.of("name", "Security", "clientId", "k-group");
        room.owner.api().body(group).post("/api/rooms/{r}/groups", room.roomId).then().statusCode(201);
        room.owner.api().body(group).post("/api/rooms/{r}/groups", otherRoom).then().statusCode(409)
                .body("code", equalTo("idempotency-key-reused"));
        Map<String, Object> member = Map.of("email", Person.random("same").email(), "name", "Same", "side", "BUYER",
                "clientId", "k-member");
        room.owner.api().body(member).post("/api/rooms/{r}/members", room.roomId).then().statusCode(201);
        room.owner.api().body(member).post("/api/rooms/{r}/members", otherRoom).then().statusCode(409)
                .body("code", equalTo("idempotency-key-reused"));
    }
}

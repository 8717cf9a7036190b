package dev.dealroom.progress;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NudgeAndPipelineTest {

    @Test
    void aNudgeReachesOnlyItsMemberLiveAndOnlyOnceAPerTopicADay() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("title", "Send the data sample", "dueDate", "2020-02-02",
                "ownerId", room.groupMemberId)).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then()
                .statusCode(201);
        long seq = room.seq();
        try (LiveClient nudged = LiveClient.connect(room.groupMember, room.roomId, seq);
                LiveClient bystander = LiveClient.connect(room.outsider, room.roomId, seq)) {
            nudged.replay();
            bystander.replay();

            room.decisionMaker.api().body(Map.of("topic", "OVERDUE_TASKS"))
                    .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId).then().statusCode(201)
                    .body("count", equalTo(1)).body("topic", equalTo("OVERDUE_TASKS"));
            room.decisionMaker.api().body(Map.of("topic", "OVERDUE_TASKS"))
                    .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId).then().statusCode(409)
                    .body("code", equalTo("nudge-limit"));
            room.owner.api().body(Map.of("topic", "UNSEEN_UPDATES"))
                    .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId).then().statusCode(201);
            room.owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);

            List<Map<String, Object>> received = nudged.until(m -> "room.updated".equals(m.get("type")));
            assertEquals(List.of("nudge.sent", "nudge.sent", "room.updated"),
                    received.stream().map(m -> m.get("type")).toList());
            assertEquals(room.groupMemberId, ((Map<?, ?>) received.get(0).get("data")).get("memberId"));
            assertEquals(List.of("room.updated"), bystander.until(m -> "room.updated".equals(m.get("type"))).stream()
                    .map(m -> m.get("type")).toList());
        }
        room.groupMember.api().body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.outsiderId).then().statusCode(403);
        room.owner.api().body(Map.of("topic", "SOMETHING"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.outsiderId).then().statusCode(400);
    }

    @Test
    void thePipelineListsMyRoomsWithHealthSortedAsAsked() {
        Person seller = Person.random("seller");
        String calm = room(seller, "Calm deal", "2027-09-30", 50_000);
        String late = room(seller, "Late deal", "2027-02-28", 900_000);
        seller.api().body(Map.of("title", "Overdue milestone", "dueDate", "2020-01-01", "milestone", true))
                .post("/api/rooms/{r}/groups/proof/tasks", late).then().statusCode(201);
        Person buyer = Person.random("buyer");
        seller.api().body(Map.of("email", buyer.email(), "name", "B", "side", "BUYER", "groups", List.of("proof")))
                .post("/api/rooms/{r}/members", calm).then().statusCode(201);
        buyer.api().body(Map.of("body", "Question")).post("/api/rooms/{r}/groups/proof/posts", calm).then()
                .statusCode(201);

        seller.api().get("/api/pipeline").then().statusCode(200)
                .body("rooms.roomId", contains(late, calm))
                .body("rooms.health", contains("OFF_TRACK", "ON_TRACK"))
                .body("rooms.nextMilestone", contains("2020-01-01", null))
                .body("rooms[1].lastBuyerActivity", notNullValue())
                .body("rooms[0].lastBuyerActivity", equalTo(null))
                .body("total", equalTo(2))
                .body("nextOffset", equalTo(null));
        seller.api().get("/api/pipeline?sort=amount&order=desc").then().body("rooms.roomId", contains(late, calm));
        seller.api().get("/api/pipeline?sort=health").then().body("rooms.roomId", contains(calm, late));
        seller.api().get("/api/pipeline?sort=colour").then().statusCode(400).body("errors[0].field", equalTo("sort"));
        buyer.api().get("/api/pipeline").then().body("rooms.roomId", contains(calm)).body("total", equalTo(1));
    }

    private static String room(Person owner, String name, String decision, int amount) {
        return owner.api().body(Map.of("name", name, "prospectAccount", "P", "targetDecisionDate", decision,
                "amount", amount, "currency", "EUR")).post("/api/rooms").then().statusCode(201).extract()
                .path("room.id");
    }
}

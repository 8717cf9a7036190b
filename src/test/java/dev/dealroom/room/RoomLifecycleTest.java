package dev.dealroom.room;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class RoomLifecycleTest {

    @Test
    void openingARoomMakesTheCallerOwnerInEveryDefaultGroup() {
        Person seller = Person.random("seller");
        ExtractableResponse<Response> created = seller.api()
                .body(Map.of("name", "Fleet analytics", "prospectAccount", "Northwind Logistics",
                        "amount", 480000.5, "currency", "EUR", "targetDecisionDate", "2027-02-28"))
                .post("/api/rooms")
                .then().statusCode(201)
                .body("room.name", equalTo("Fleet analytics"))
                .body("room.amount", equalTo(480000.5f))
                .body("room.currency", equalTo("EUR"))
                .body("room.stage", equalTo("EVALUATION"))
                .body("room.status", equalTo("OPEN"))
                .body("me.owner", equalTo(true))
                .body("me.side", equalTo("SELLER"))
                .body("me.email", equalTo(seller.email()))
                .body("me.name", equalTo(seller.name()))
                .body("groups.key", contains("everyone", "steering", "proof", "implementation", "success-metrics",
                        "business-case", "contracts"))
                .body("groups.kind", contains("EVERYONE", "STEERING", "WORKSTREAM", "WORKSTREAM", "WORKSTREAM",
                        "WORKSTREAM", "WORKSTREAM"))
                .body("seq", equalTo(1))
                .extract();
        String roomId = created.path("room.id");
        String ownerId = created.path("me.id");

        assertEquals("/api/rooms/" + roomId, java.net.URI.create(created.header("Location")).getPath());
        seller.api().get("/api/rooms").then().body("id", contains(roomId));
        seller.api().get("/api/rooms/{r}/groups", roomId).then()
                .body("memberIds", everyItem(contains(ownerId)));
    }

    @Test
    void myRoomsListsOnlyMineSoonestDecisionFirst() {
        Person seller = Person.random("seller");
        Person other = Person.random("seller");
        create(seller, "Later", "2027-09-01");
        create(seller, "Sooner", "2027-01-15");
        create(other, "Not mine", "2027-01-01");

        seller.api().get("/api/rooms").then().statusCode(200).body("name", contains("Sooner", "Later"));
    }

    @Test
    void ownerAndDecisionMakerMoveTheEvaluationAlong() {
        DealRoomFixture room = new DealRoomFixture();
        room.decisionMaker.api().body(Map.of("stage", "NEGOTIATION", "targetDecisionDate", "2027-05-01"))
                .patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(200)
                .body("room.stage", equalTo("NEGOTIATION"))
                .body("room.targetDecisionDate", equalTo("2027-05-01"))
                .body("room.status", equalTo("OPEN"));
        room.owner.api().body(Map.of("status", "WON", "closeReason", "Signed")).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(200)
                .body("room.status", equalTo("WON"))
                .body("room.stage", equalTo("NEGOTIATION"));
        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then()
                .body("room.status", equalTo("WON"))
                .body("me.owner", equalTo(false))
                .body("groups", hasSize(2));
    }

    private static void create(Person owner, String name, String date) {
        owner.api().body(Map.of("name", name, "prospectAccount", "P", "targetDecisionDate", date))
                .post("/api/rooms").then().statusCode(201);
    }
}

package dev.dealroom.member;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/** Who is in which group: the rules of everyone and steering, and what follows a member's removal. */
@QuarkusTest
class MembershipTest {

    @Test
    void everyoneIsInEveryoneAndADecisionMakerIsInSteering() {
        DealRoomFixture room = new DealRoomFixture();
        assertEquals(List.of("everyone", "steering", "proof"), room.groupKeysSeenBy(room.decisionMaker));
        assertEquals(List.of("everyone", "contracts"), room.groupKeysSeenBy(room.outsider));
        room.owner.api().get("/api/rooms/{r}/groups/steering", room.roomId).then()
                .body("memberIds", containsInAnyOrder(ownerId(room), room.decisionMakerId));
        room.owner.api().get("/api/rooms/{r}/groups/everyone", room.roomId).then()
                .body("memberIds", containsInAnyOrder(ownerId(room), room.decisionMakerId, room.groupMemberId,
                        room.outsiderId));
    }

    @Test
    void addingAMemberAnswersTheirView() {
        DealRoomFixture room = new DealRoomFixture();
        Person cfo = Person.random("cfo");
        room.decisionMaker.api()
                .body(Map.of("email", cfo.email(), "name", "Carl Cole", "side", "BUYER",
                        "title", "Chief Financial Officer", "groups", List.of("proof")))
                .post("/api/rooms/{r}/members", room.roomId)
                .then().statusCode(201)
                .body("email", equalTo(cfo.email()))
                .body("name", equalTo("Carl Cole"))
                .body("title", equalTo("Chief Financial Officer"))
                .body("side", equalTo("BUYER"))
                .body("decisionMaker", equalTo(false))
                .body("owner", equalTo(false))
                .body("groupIds.size()", equalTo(2));
        assertEquals(List.of("everyone", "proof"), room.groupKeysSeenBy(cfo));
    }

    @Test
    void removingAMemberTakesAllTheirGroupMembershipsWithThem() {
        DealRoomFixture room = new DealRoomFixture();
        String task = room.owner.api().body(Map.of("title", "Sign-off memo", "ownerId", room.decisionMakerId))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201).extract().path("id");
        room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, room.decisionMakerId).then()
                .statusCode(204);

        for (String group : List.of("everyone", "steering", "proof")) {
            room.owner.api().get("/api/rooms/{r}/groups/{g}", room.roomId, group).then()
                    .body("memberIds", not(hasItem(room.decisionMakerId)));
        }
        room.owner.api().get("/api/rooms/{r}/members", room.roomId).then()
                .body("id", not(hasItem(room.decisionMakerId)));
        room.decisionMaker.api().get("/api/rooms/{r}", room.roomId).then().statusCode(404);
        room.owner.api().get("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then()
                .body("ownerId", equalTo(null));
    }

    @Test
    void aNewGroupHoldsItsCreatorAndTheChosenMembers() {
        DealRoomFixture room = new DealRoomFixture();
        String groupId = room.decisionMaker.api()
                .body(Map.of("name", "Security review", "kind", "WORKSTREAM", "memberIds",
                        List.of(room.outsiderId)))
                .post("/api/rooms/{r}/groups", room.roomId)
                .then().statusCode(201)
                .body("name", equalTo("Security review"))
                .body("kind", equalTo("WORKSTREAM"))
                .body("key", equalTo(null))
                .body("memberIds", containsInAnyOrder(room.decisionMakerId, room.outsiderId))
                .extract().path("id");

        assertEquals(List.of("everyone", "contracts", "Security review"),
                room.outsider.api().get("/api/rooms/{r}/groups", room.roomId).then().extract()
                        .<List<String>>path("collect { it.key ?: it.name }"));
        // The owner was not put in it, so the owner does not see it.
        room.owner.api().get("/api/rooms/{r}/groups/{g}", room.roomId, groupId).then().statusCode(404);
        room.owner.api().get("/api/rooms/{r}/groups", room.roomId).then().body("id", not(hasItem(groupId)));
    }

    @Test
    void groupNamesMayRepeatSoThatHiddenGroupsLeakNothing() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("name", "Pricing")).post("/api/rooms/{r}/groups", room.roomId).then()
                .statusCode(201);
        room.decisionMaker.api().body(Map.of("name", "Pricing")).post("/api/rooms/{r}/groups", room.roomId).then()
                .statusCode(201);
    }

    @Test
    void onlyRoomMembersCanJoinAGroup() {
        DealRoomFixture room = new DealRoomFixture();
        String otherRoomMember = new DealRoomFixture().groupMemberId;
        room.owner.api().put("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, otherRoomMember).then()
                .statusCode(404);
        room.owner.api().put("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, room.outsiderId).then()
                .statusCode(200)
                .body("memberIds", hasItem(room.outsiderId));
        assertEquals(List.of("everyone", "proof", "contracts"), room.groupKeysSeenBy(room.outsider));
    }

    private static String ownerId(DealRoomFixture room) {
        return room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
    }
}

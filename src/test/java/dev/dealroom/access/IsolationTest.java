package dev.dealroom.access;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/** Invariant 1: visibility is membership, for everyone, the owner included. */
@QuarkusTest
class IsolationTest {

    private static final List<String> DEFAULT_KEYS = List.of("everyone", "steering", "proof", "implementation",
            "success-metrics", "business-case", "contracts");

    @Test
    void buyerInProofSeesOnlyEveryoneAndProof() {
        DealRoomFixture room = new DealRoomFixture();

        assertEquals(List.of("everyone", "proof"), room.groupKeysSeenBy(room.groupMember));
        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then().statusCode(200)
                .body("groups.key", contains("everyone", "proof"));
        for (String hidden : List.of("steering", "implementation", "success-metrics", "business-case", "contracts")) {
            room.groupMember.api().get("/api/rooms/{r}/groups/{g}", room.roomId, hidden).then().statusCode(404);
        }
    }

    @Test
    void memberListShowsOnlyGroupsTheViewerIsIn() {
        DealRoomFixture room = new DealRoomFixture();
        String contractsId = room.owner.api().get("/api/rooms/{r}/groups/contracts", room.roomId).then()
                .extract().path("id");

        // The outsider is in contracts; the proof buyer must not learn that from the member list.
        room.groupMember.api().get("/api/rooms/{r}/members", room.roomId).then().statusCode(200)
                .body("find { it.id == '%s' }.groupIds".formatted(room.outsiderId), not(hasItem(contractsId)))
                .body("groupIds.flatten()", not(hasItem(contractsId)));
        room.owner.api().get("/api/rooms/{r}/members", room.roomId).then().statusCode(200)
                .body("find { it.id == '%s' }.groupIds".formatted(room.outsiderId), hasItem(contractsId));
    }

    @Test
    void ownerRemovedFromContractsNoLongerSeesIt() {
        DealRoomFixture room = new DealRoomFixture();
        String ownerId = room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
        String contractsId = room.owner.api().get("/api/rooms/{r}/groups/contracts", room.roomId).then()
                .statusCode(200).extract().path("id");

        room.owner.api().delete("/api/rooms/{r}/groups/contracts/members/{m}", room.roomId, ownerId).then()
                .statusCode(204);

        room.owner.api().get("/api/rooms/{r}/groups/contracts", room.roomId).then().statusCode(404);
        room.owner.api().get("/api/rooms/{r}/groups/{g}", room.roomId, contractsId).then().statusCode(404);
        assertEquals(List.of("everyone", "steering", "proof", "implementation", "success-metrics", "business-case"),
                room.groupKeysSeenBy(room.owner));
        room.owner.api().get("/api/rooms/{r}", room.roomId).then().body("groups.key", not(hasItem("contracts")));
        // ... and cannot put themselves back into a group they cannot see.
        room.owner.api().put("/api/rooms/{r}/groups/{g}/members/{m}", room.roomId, contractsId, ownerId).then()
                .statusCode(404);
        room.owner.api().get("/api/rooms/{r}/members", room.roomId).then()
                .body("groupIds.flatten()", not(hasItem(contractsId)));
    }

    @Test
    void decisionMakerOutsideAGroupGets404ForIt() {
        DealRoomFixture room = new DealRoomFixture();
        room.decisionMaker.api().get("/api/rooms/{r}/groups/contracts", room.roomId).then().statusCode(404);
        room.decisionMaker.api()
                .put("/api/rooms/{r}/groups/contracts/members/{m}", room.roomId, room.groupMemberId).then()
                .statusCode(404);
    }

    @Test
    void strangerGets404OnTheRoomAndEveryGroupPath() {
        DealRoomFixture room = new DealRoomFixture();
        Person stranger = room.stranger;
        stranger.api().get("/api/rooms/{r}", room.roomId).then().statusCode(404);
        stranger.api().get("/api/rooms").then().statusCode(200)
                .body("id", not(hasItem(room.roomId)));
        List<String> groupRefs = new java.util.ArrayList<>(DEFAULT_KEYS);
        groupRefs.addAll(room.owner.api().get("/api/rooms/{r}/groups", room.roomId).then().extract()
                .<List<String>>path("id"));
        for (String group : groupRefs) {
            stranger.api().get("/api/rooms/{r}/groups/{g}", room.roomId, group).then().statusCode(404);
            stranger.api().put("/api/rooms/{r}/groups/{g}/members/{m}", room.roomId, group, room.groupMemberId)
                    .then().statusCode(404);
            stranger.api().delete("/api/rooms/{r}/groups/{g}/members/{m}", room.roomId, group, room.groupMemberId)
                    .then().statusCode(404);
        }
    }

    @Test
    void aRoomYouAreNotInAnswersExactlyLikeOneThatDoesNotExist() {
        DealRoomFixture room = new DealRoomFixture();
        String existing = room.stranger.api().get("/api/rooms/{r}", room.roomId).then().statusCode(404)
                .extract().asString();
        String missing = room.stranger.api().get("/api/rooms/{r}", UUID.randomUUID()).then().statusCode(404)
                .extract().asString();
        String garbage = room.stranger.api().get("/api/rooms/{r}", "not-a-room").then().statusCode(404)
                .extract().asString();
        assertEquals(missing, existing);
        assertEquals(missing, garbage);

        String hiddenGroup = room.groupMember.api().get("/api/rooms/{r}/groups/contracts", room.roomId).then()
                .statusCode(404).extract().asString();
        String noGroup = room.groupMember.api().get("/api/rooms/{r}/groups/{g}", room.roomId, UUID.randomUUID())
                .then().statusCode(404).extract().asString();
        assertEquals(noGroup, hiddenGroup);
    }

    @Test
    void aRemovedMemberLosesTheRoomAtOnce() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, room.groupMemberId).then()
                .statusCode(204);

        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then().statusCode(404);
        room.groupMember.api().get("/api/rooms/{r}/groups/proof", room.roomId).then().statusCode(404);
        room.groupMember.api().get("/api/rooms").then().body("id", not(hasItem(room.roomId)));
        room.owner.api().get("/api/rooms/{r}/groups/proof", room.roomId).then()
                .body("memberIds", not(hasItem(room.groupMemberId)));
    }

    @Test
    void aLoginWithAnUnverifiedEmailIsNotTheMember() {
        DealRoomFixture room = new DealRoomFixture();
        Person impostor = room.groupMember.unverified();

        impostor.api().get("/api/rooms/{r}", room.roomId).then().statusCode(404);
        impostor.api().get("/api/rooms").then().statusCode(200).body("size()", equalTo(0));
        impostor.api().body(Map.of("name", "X", "prospectAccount", "Y", "targetDecisionDate", "2027-01-01"))
                .post("/api/rooms").then().statusCode(403).body("code", equalTo("email-not-verified"));
    }

    @Test
    void emailsMatchWhateverTheirCase() {
        Person owner = Person.random("seller");
        String roomId = DealRoomFixture.createRoom(owner, "Case room");
        Person buyer = Person.random("buyer");
        owner.api().body(Map.of("email", buyer.email().toUpperCase(), "name", "Buyer", "side", "BUYER"))
                .post("/api/rooms/{r}/members", roomId).then().statusCode(201)
                .body("email", equalTo(buyer.email()));
        buyer.api().get("/api/rooms/{r}", roomId).then().statusCode(200);
    }
}

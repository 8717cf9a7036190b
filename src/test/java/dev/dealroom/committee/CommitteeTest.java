package dev.dealroom.committee;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import dev.dealroom.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The buying committee through the API: who sets it, who sees it, its coverage rules, health, bad input. */
@QuarkusTest
class CommitteeTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static ValidatableResponse set(DealRoomFixture room, String memberId, List<String> roles,
            String attitude) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("roles", roles);
        body.put("attitude", attitude);
        return room.owner.api().body(body).put("/api/rooms/{r}/committee/{m}", room.roomId, memberId).then();
    }

    private static ValidatableResponse committee(DealRoomFixture room, Person who) {
        return who.api().get("/api/rooms/{r}/committee", room.roomId).then().statusCode(200);
    }

    @Test
    void theOwnerSetsRolesAndTheSteeringGroupSeesThemWithTheirGaps() {
        DealRoomFixture room = new DealRoomFixture();
        committee(room, room.owner)
                .body("mapped", equalTo(false))
                .body("gaps.code", contains("committee-unmapped"))
                .body("members.memberId", containsInAnyOrder(room.decisionMakerId, room.groupMemberId,
                        room.outsiderId)) // buyers only: not the owner
                .body("members.roles.flatten()", empty());

        set(room, room.groupMemberId, List.of("champion", "USER", "CHAMPION"), "supporter").statusCode(200)
                .body("memberId", equalTo(room.groupMemberId))
                .body("roles", contains("CHAMPION", "USER"))
                .body("attitude", equalTo("SUPPORTER"));

        committee(room, room.decisionMaker)
                .body("mapped", equalTo(true))
                .body("silentAfterDays", equalTo(7))
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.roles",
                        contains("CHAMPION", "USER"))
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.attitude", equalTo("SUPPORTER"))
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.silent", equalTo(false))
                .body("members.find { it.memberId == '" + room.outsiderId + "' }.attitude", nullValue())
                .body("gaps.code", contains("committee-role-missing", "committee-champion-outside-business-case",
                        "committee-role-missing", "committee-role-missing", "committee-role-missing"))
                .body("gaps.role", contains("ECONOMIC_BUYER", "CHAMPION", "TECHNICAL_EVALUATOR", "LEGAL",
                        "PROCUREMENT"))
                .body("gaps[0].text", equalTo("No economic buyer identified"))
                .body("gaps.find { it.role == 'CHAMPION' }.text", equalTo("The champion is not in the business case"));

        // The champion joins the business case: that gap closes. An economic buyer outside steering opens one.
        room.owner.api().put("/api/rooms/{r}/groups/business-case/members/{m}", room.roomId, room.groupMemberId)
                .then().statusCode(200);
        set(room, room.outsiderId, List.of("ECONOMIC_BUYER", "TECHNICAL_EVALUATOR", "LEGAL", "PROCUREMENT"), "NEUTRAL")
                .statusCode(200);
        committee(room, room.owner).body("gaps.code", contains("committee-economic-buyer-outside-steering"));
        // The decision-maker is the economic buyer too: covered.
        set(room, room.decisionMakerId, List.of("ECONOMIC_BUYER"), "OPPONENT").statusCode(200);
        committee(room, room.owner).body("gaps", empty());

        // Roles taken away: the member's row goes, and their roles with it.
        set(room, room.outsiderId, List.of(), null).statusCode(200).body("roles", empty());
        committee(room, room.owner)
                .body("members.find { it.memberId == '" + room.outsiderId + "' }.roles", empty())
                .body("gaps.code", contains("committee-role-missing", "committee-role-missing",
                        "committee-role-missing"));
    }

    @Test
    void gapsAreInTheCallersLanguage() {
        DealRoomFixture room = new DealRoomFixture();
        set(room, room.groupMemberId, List.of("CHAMPION"), null).statusCode(200);
        room.owner.api().header("Accept-Language", "fr").get("/api/rooms/{r}/committee", room.roomId).then()
                .statusCode(200)
                .body("gaps[0].code", equalTo("committee-role-missing"))
                .body("gaps[0].text", equalTo("Aucun décideur budgétaire identifié"));
    }

    @Test
    void aRoleWhoseHoldersAllKeepSilentIsAGapUntilOneOfThemActs() {
        DealRoomFixture room = new DealRoomFixture();
        set(room, room.groupMemberId, List.of("TECHNICAL_EVALUATOR"), null).statusCode(200);
        clock.advance(Duration.ofDays(8));
        committee(room, room.owner)
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.silent", equalTo(true))
                .body("gaps.code", hasItem("committee-role-silent"))
                .body("gaps.find { it.code == 'committee-role-silent' }.role", equalTo("TECHNICAL_EVALUATOR"))
                .body("gaps.find { it.code == 'committee-role-silent' }.text",
                        equalTo("The technical evaluator has been silent for 8 days"));

        // Reading a group is a sign of life.
        long seq = room.seq();
        room.groupMember.api().body(Map.of("seq", seq)).put("/api/rooms/{r}/groups/proof/read", room.roomId).then()
                .statusCode(200);
        committee(room, room.owner)
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.silent", equalTo(false))
                .body("gaps.code", not(hasItem("committee-role-silent")));

        // So is any event they make: a second evaluator, silent, then posting.
        clock.advance(Duration.ofDays(8));
        set(room, room.outsiderId, List.of("TECHNICAL_EVALUATOR"), null).statusCode(200);
        committee(room, room.owner).body("gaps.code", hasItem("committee-role-silent"));
        room.outsider.api().body(Map.of("body", "Security questionnaire attached"))
                .post("/api/rooms/{r}/groups/contracts/posts", room.roomId).then().statusCode(201);
        committee(room, room.owner).body("gaps.code", not(hasItem("committee-role-silent")));
    }

    @Test
    void theGapsAreHealthReasonsOfTheSteeringMembersOnly() {
        DealRoomFixture room = new DealRoomFixture();
        // Unmapped: nobody's health hears of the committee.
        room.owner.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                .body("health.verdict", equalTo("ON_TRACK"));

        set(room, room.groupMemberId, List.of("CHAMPION"), "SUPPORTER").statusCode(200);
        for (Person steering : List.of(room.owner, room.decisionMaker)) {
            steering.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                    .body("health.verdict", equalTo("AT_RISK"))
                    .body("health.reasons.code", hasItem("committee-role-missing"))
                    .body("health.reasons.code", hasItem("committee-champion-outside-business-case"))
                    .body("health.reasons.text", hasItem("No economic buyer identified"))
                    .body("health.reasons.findAll { it.code.startsWith('committee-') }", hasSize(5));
        }
        for (Person buyer : List.of(room.groupMember, room.outsider)) {
            buyer.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                    .body("health.verdict", equalTo("ON_TRACK"))
                    .body("health.reasons", empty());
        }

        // The pipeline counts them for steering members, per caller, whatever it is sorted by.
        for (String sort : List.of("decisionDate", "health")) {
            assertEquals(5, pipelineReasons(room.owner, room.roomId, sort), "owner, by " + sort);
            assertEquals(5, pipelineReasons(room.decisionMaker, room.roomId, sort), "decision-maker, by " + sort);
            assertEquals(0, pipelineReasons(room.groupMember, room.roomId, sort), "buyer, by " + sort);
        }
    }

    private static int pipelineReasons(Person who, String roomId, String sort) {
        return who.api().get("/api/pipeline?sort={s}&limit=200", sort).then().statusCode(200).extract()
                .path("rooms.find { it.roomId == '" + roomId + "' }.healthReasons");
    }

    @Test
    void sendingWhatIsAlreadySetRecordsNothing() {
        DealRoomFixture room = new DealRoomFixture();
        long before = room.seq();
        set(room, room.groupMemberId, List.of("CHAMPION"), "SUPPORTER").statusCode(200);
        set(room, room.groupMemberId, List.of("CHAMPION"), "SUPPORTER").statusCode(200)
                .body("roles", contains("CHAMPION"));
        assertEquals(before + 1, room.seq());
        List<Map<String, Object>> events = room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, before)
                .then().statusCode(200).extract().path("events");
        assertEquals(1, events.size());
        assertEquals("committee.changed", events.get(0).get("type"));
        String steeringId = room.owner.api().get("/api/rooms/{r}/groups/steering", room.roomId).then()
                .statusCode(200).extract().path("id");
        assertEquals(steeringId, events.get(0).get("groupId"));
        assertEquals(Map.of("memberId", room.groupMemberId, "roles", List.of("CHAMPION"), "attitude", "SUPPORTER"),
                events.get(0).get("data"));
    }

    @Test
    void aDecisionMakerAddedLaterSeesTheCommitteeAndItsHistory() {
        DealRoomFixture room = new DealRoomFixture();
        set(room, room.groupMemberId, List.of("CHAMPION"), "SUPPORTER").statusCode(200);
        Person later = Person.random("cfo");
        String laterId = room.addMember(room.owner, later, "BUYER", true);
        committee(room, later)
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.roles", contains("CHAMPION"))
                .body("members.memberId", hasItem(laterId));
        List<String> types = later.api().get("/api/rooms/{r}/events?since=0", room.roomId).then().statusCode(200)
                .extract().path("events.type");
        assertTrue(types.contains("committee.changed"), types.toString());
    }

    @Test
    void aRemovedMembersRolesGoWithThem() {
        DealRoomFixture room = new DealRoomFixture();
        set(room, room.outsiderId, List.of("LEGAL"), "NEUTRAL").statusCode(200);
        room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, room.outsiderId).then().statusCode(204);
        committee(room, room.owner)
                .body("members.memberId", not(hasItem(room.outsiderId)))
                .body("gaps.code", contains("committee-unmapped"));
        set(room, room.outsiderId, List.of("LEGAL"), null).statusCode(404);
    }

    @Test
    void aClosedRoomsCommitteeIsReadAndNotChanged() {
        DealRoomFixture room = new DealRoomFixture();
        set(room, room.groupMemberId, List.of("CHAMPION"), "SUPPORTER").statusCode(200);
        room.owner.api().body(Map.of("status", "LOST", "closeReason", "Budget frozen"))
                .patch("/api/rooms/{r}", room.roomId).then().statusCode(200);
        committee(room, room.decisionMaker)
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.roles", contains("CHAMPION"));
        set(room, room.groupMemberId, List.of("SCEPTIC"), "OPPONENT").statusCode(409)
                .body("code", equalTo("room-closed"));
        committee(room, room.owner)
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.roles", contains("CHAMPION"));
    }

    @Test
    void badInputIsRefusedWithItsFieldAndChangesNothing() {
        DealRoomFixture room = new DealRoomFixture();
        long before = room.seq();
        String path = "/api/rooms/{r}/committee/{m}";
        set(room, room.groupMemberId, List.of("CHAMPION", "KINGMAKER"), null).statusCode(400)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("roles[1]"))
                .body("errors[0].code", equalTo("invalid-value"));
        set(room, room.groupMemberId, List.of("CHAMPION"), "ENTHUSIAST").statusCode(400)
                .body("errors[0].field", equalTo("attitude"));
        set(room, room.groupMemberId, null, null).statusCode(400).body("code", equalTo("validation-failed"));
        set(room, room.groupMemberId, Collections.nCopies(8, "USER"), null).statusCode(400)
                .body("code", equalTo("validation-failed"));
        set(room, room.groupMemberId, List.of("X".repeat(33)), null).statusCode(400)
                .body("code", equalTo("validation-failed"));
        set(room, room.groupMemberId, List.of("CHAMPION"), "S".repeat(17)).statusCode(400)
                .body("code", equalTo("validation-failed"));
        room.owner.api().body("{\"roles\": [\"CHAMPION\"], \"stance\": \"warm\"}")
                .put(path, room.roomId, room.groupMemberId).then().statusCode(400);
        room.owner.api().body("{\"roles\": \"CHAMPION\"}").put(path, room.roomId, room.groupMemberId).then()
                .statusCode(400);
        room.owner.api().body("not json").put(path, room.roomId, room.groupMemberId).then().statusCode(400)
                .body("code", equalTo("malformed-json"));
        // Buying roles are the buyer side's: the owner, a seller, is not a buyer.
        String ownerId = room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
        set(room, ownerId, List.of("CHAMPION"), null).statusCode(400)
                .body("errors[0].field", equalTo("memberId"));
        set(room, "no-such-member", List.of("CHAMPION"), null).statusCode(404);
        set(room, java.util.UUID.randomUUID().toString(), List.of("CHAMPION"), null).statusCode(404);

        assertEquals(before, room.seq());
        committee(room, room.owner).body("mapped", equalTo(false));
    }
}

package dev.dealroom.progress;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import dev.dealroom.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Invariant 5 and the health rules, on rooms built for each test. */
@QuarkusTest
class ProgressTest {

    private static final String MARKER = "ZEBRA-" + UUID.randomUUID();

    @Inject
    DataSource dataSource;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDecisionMakerSeesContractsFiguresButNoneOfItsContent() {
        DealRoomFixture room = new DealRoomFixture();
        // The outsider is in contracts; the decision-maker is not.
        room.outsider.api().body(Map.of("body", "Redline " + MARKER)).post("/api/rooms/{r}/groups/contracts/posts",
                room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("title", "Sign " + MARKER, "dueDate", "2020-06-01", "milestone", true,
                "ownerId", room.outsiderId)).post("/api/rooms/{r}/groups/contracts/tasks", room.roomId).then()
                .statusCode(201);
        room.outsider.api().contentType("multipart/form-data")
                .multiPart("file", MARKER + ".pdf", "%PDF-1.7\n%%EOF\n".getBytes(), "application/pdf")
                .post("/api/rooms/{r}/groups/contracts/documents", room.roomId).then().statusCode(201);

        String body = room.decisionMaker.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                .body("steering", equalTo(true))
                .body("groups.key", hasItem("contracts"))
                .body("groups.find { it.key == 'contracts' }.member", equalTo(false))
                .body("groups.find { it.key == 'contracts' }.tasksTotal", equalTo(1))
                .body("groups.find { it.key == 'contracts' }.tasksOverdue", equalTo(1))
                .body("timeline.milestones.find { it.dueDate == '2020-06-01' }.title", nullValue())
                .body("health.reasons.code", hasItem("tasks-overdue"))
                .extract().asString();
        assertFalse(body.contains(MARKER), "no post body, task title or document name of contracts");
        assertFalse(body.contains("Redline"));

        // Its members do see the milestone's title.
        room.outsider.api().get("/api/rooms/{r}/progress", room.roomId).then()
                .body("timeline.milestones[0].title", equalTo("Sign " + MARKER));
    }

    @Test
    void aGroupPeopleNamedShowsSteeringItsKindAndFiguresButNeitherItsNameNorWhoIsInIt() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        String name = "Buyer only - walk-away price 90k " + MARKER;
        String group = room.decisionMaker.api().body(Map.of("name", name, "memberIds", List.of(room.groupMemberId)))
                .post("/api/rooms/{r}/groups", room.roomId).then().statusCode(201).extract().path("id");
        room.decisionMaker.api().body(Map.of("title", "Ceiling memo", "dueDate", "2020-01-01",
                "ownerId", room.groupMemberId)).post("/api/rooms/{r}/groups/{g}/tasks", room.roomId, group).then()
                .statusCode(201);
        room.decisionMaker.api().body(Map.of("body", "We stop at 90k", "announcement", true))
                .post("/api/rooms/{r}/groups/{g}/posts", room.roomId, group).then().statusCode(201);
        age(room.roomId, "group_id = '" + group + "'", 3);

        // The owner is in steering, not in the group: its figures, under a label, and no one tied to it.
        String groupPath = "groups.find { it.groupId == '%s' }".formatted(group);
        String memberRow = "stakeholders.find { it.memberId == '%s' }".formatted(room.groupMemberId);
        String body = room.owner.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                .body(groupPath + ".name", nullValue())
                .body(groupPath + ".label", equalTo("Private group 1"))
                .body(groupPath + ".kind", equalTo("CUSTOM"))
                .body(groupPath + ".member", equalTo(false))
                .body(groupPath + ".tasksOverdue", equalTo(1))
                .body(groupPath + ".keyUpdatesNotSeenByAll", equalTo(1))
                .body("health.reasons.text", hasItem("1 task overdue in Private group 1"))
                .body("health.reasons.text", hasItem("The announcement in Private group 1 has not been seen by all"
                        + " its members for 3 days"))
                .body("health.reasons.findAll { it.groupId == '%s' }.memberId".formatted(group),
                        everyItem(nullValue()))
                .body("health.reasons.text", everyItem(not(containsString(room.groupMember.name()))))
                .body("stakeholders.groupIds.flatten()", not(hasItem(group)))
                .body(memberRow + ".tasksOverdue", equalTo(0))
                .body(memberRow + ".keyUpdatesNotSeen", equalTo(0))
                .extract().asString();
        assertFalse(body.contains(MARKER), body);
        for (String path : List.of("/api/pipeline", "/api/rooms/" + room.roomId + "/events?since=0",
                "/api/rooms/" + room.roomId + "/members", "/api/rooms/" + room.roomId + "/groups")) {
            assertFalse(room.owner.api().get(path).then().statusCode(200).extract().asString().contains(MARKER), path);
        }

        // Its members see it as it is, and who is behind in it.
        room.decisionMaker.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                .body(groupPath + ".name", equalTo(name))
                .body(groupPath + ".label", equalTo(name))
                .body("health.reasons.text", hasItem(room.groupMember.name() + " has not seen the announcement in "
                        + name + " for 3 days"))
                .body(memberRow + ".groupIds", hasItem(group));
    }

    @Test
    void aMemberOutsideSteeringGetsOnlyTheirGroupsFigures() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("title", "Draft MSA", "dueDate", "2020-01-01"))
                .post("/api/rooms/{r}/groups/contracts/tasks", room.roomId).then().statusCode(201);
        JsonPath view = room.groupMember.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                .body("steering", equalTo(false)).extract().jsonPath();
        assertEquals(List.of("everyone", "proof"), view.getList("groups.key"));
        assertTrue(view.getList("health.reasons.text").isEmpty(), "contracts' overdue task is not theirs to see");
        assertEquals(List.of(), view.getList("stakeholders.find { it.memberId == '%s' }.groupIds"
                .formatted(room.outsiderId)).stream().filter(id -> !id.equals(groupId(room, "everyone"))).toList());
    }

    @Test
    void healthReasonsComeAndGoWithTheData() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        // An overdue task: a reason, and off track once it is an overdue milestone.
        String task = room.owner.api().body(Map.of("title", "Security review", "dueDate", "2020-03-01",
                "milestone", true)).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201)
                .extract().path("id");
        health(room).body("verdict", equalTo("OFF_TRACK"))
                .body("reasons.text", hasItem("1 task overdue in Proof of concept"));
        room.owner.api().body(Map.of("status", "DONE")).patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId,
                task).then().statusCode(200);
        health(room).body("reasons.code", not(hasItem("tasks-overdue")));

        // An announcement nobody else has read for three days.
        room.owner.api().body(Map.of("body", "New pricing", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        long announcement = room.seq();
        health(room).body("reasons.code", not(hasItem("update-unseen")));
        age(room.roomId, "seq = " + announcement, 3);
        health(room).body("reasons.text", hasItem(containsString("has not seen the announcement in Proof of concept"
                + " for 3 days")));
        for (var reader : List.of(room.groupMember, room.decisionMaker)) {
            reader.api().body(Map.of("seq", announcement)).put("/api/rooms/{r}/groups/proof/read", room.roomId)
                    .then().statusCode(200);
        }
        health(room).body("reasons.code", not(hasItem("update-unseen")));

        // A workstream idle for nine days, until someone works in it.
        age(room.roomId, "true", 9);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement opened = connection.prepareStatement(
                        "update room set created_at = created_at - interval '9 days' where id = ?")) {
            opened.setObject(1, UUID.fromString(room.roomId));
            opened.executeUpdate();
        }
        // Proof's newest event, the announcement, was already three days old: twelve now.
        health(room).body("reasons.text", hasItem("Proof of concept idle for 12 days"))
                .body("reasons.text", hasItem("Contracts idle for 9 days"));
        room.groupMember.api().body(Map.of("body", "Back on it")).post("/api/rooms/{r}/groups/proof/posts",
                room.roomId).then().statusCode(201);
        health(room).body("reasons.text", not(hasItem(containsString("Proof of concept idle"))))
                .body("reasons.text", hasItem("Contracts idle for 9 days"));
    }

    @Test
    void aKeyUpdatePublishedBeforeSomeoneJoinedItsGroupIsNotTheirsToHaveSeen() {
        DealRoomFixture room = new DealRoomFixture();
        clock.fix(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC); // no rounding by the database
        room.owner.api().body(Map.of("body", "New pricing", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        long announcement = room.seq();
        clock.advance(Duration.ofDays(4));
        Person newcomer = Person.random("newcomer");
        String newcomerId = room.addMember(room.owner, newcomer, "BUYER", false, "proof");

        String reasons = room.owner.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                .body("health.reasons.findAll { it.code == 'update-unseen' }.memberId",
                        containsInAnyOrder(room.decisionMakerId, room.groupMemberId))
                .body("stakeholders.find { it.memberId == '%s' }.keyUpdatesNotSeen".formatted(newcomerId), equalTo(0))
                .body("stakeholders.find { it.memberId == '%s' }.keyUpdatesNotSeen".formatted(room.groupMemberId),
                        equalTo(1))
                .body("groups.find { it.key == 'proof' }.keyUpdatesNotSeenByAll", equalTo(1))
                .extract().path("health.reasons.text").toString();
        assertTrue(reasons.contains(room.groupMember.name() + " has not seen the announcement in Proof of concept"
                + " for 4 days"), reasons);
        assertFalse(reasons.contains(newcomer.name()), reasons);
        room.owner.api().get("/api/rooms/{r}/key-updates", room.roomId).then().statusCode(200)
                .body("find { it.seq == %d }.notSeenBy".formatted(announcement),
                        containsInAnyOrder(room.decisionMakerId, room.groupMemberId));
        room.owner.api().body(Map.of("topic", "UNSEEN_UPDATES"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, newcomerId).then().statusCode(201)
                .body("count", equalTo(0));

        // Once they read it, they have seen it; what the group publishes from now on is theirs to see.
        newcomer.api().body(Map.of("seq", announcement)).put("/api/rooms/{r}/groups/proof/read", room.roomId)
                .then().statusCode(200);
        room.owner.api().get("/api/rooms/{r}/key-updates", room.roomId).then()
                .body("find { it.seq == %d }.seenBy".formatted(announcement), hasItem(newcomerId));
        room.owner.api().body(Map.of("body", "Pricing, revised", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        room.owner.api().get("/api/rooms/{r}/key-updates", room.roomId).then()
                .body("find { it.seq == %d }.notSeenBy".formatted(room.seq()), hasItem(newcomerId));
    }

    @Test
    void someoneMovedIntoAGroupLaterOwesNoneOfItsEarlierKeyUpdates() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("body", "New pricing", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        long announcement = room.seq();
        room.owner.api().put("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, room.outsiderId).then()
                .statusCode(200);

        room.owner.api().get("/api/rooms/{r}/key-updates", room.roomId).then().statusCode(200)
                .body("find { it.seq == %d }.notSeenBy".formatted(announcement), not(hasItem(room.outsiderId)));
        room.owner.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                .body("stakeholders.find { it.memberId == '%s' }.keyUpdatesNotSeen".formatted(room.outsiderId),
                        equalTo(0));
    }

    @Test
    void theTimelineProjectsTheDecisionDateFromTheLatestOpenMilestone() {
        DealRoomFixture room = new DealRoomFixture();
        // The fixture's target decision date is 2027-03-31.
        room.owner.api().body(Map.of("title", "Pilot done", "dueDate", "2027-03-01", "milestone", true))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);
        room.owner.api().get("/api/rooms/{r}/progress", room.roomId).then()
                .body("timeline.projectedDate", equalTo("2027-03-01"))
                .body("timeline.slipDays", equalTo(-30))
                .body("health.verdict", equalTo("ON_TRACK"));
        room.owner.api().body(Map.of("title", "Legal review", "dueDate", "2027-04-10", "milestone", true))
                .post("/api/rooms/{r}/groups/contracts/tasks", room.roomId).then().statusCode(201);
        room.owner.api().get("/api/rooms/{r}/progress", room.roomId).then()
                .body("timeline.projectedDate", equalTo("2027-04-10"))
                .body("timeline.slipDays", equalTo(10))
                .body("health.verdict", equalTo("OFF_TRACK"))
                .body("health.reasons[0].text", equalTo("The projected decision date is 10 days after the target"));
    }

    private io.restassured.response.ValidatableResponse health(DealRoomFixture room) {
        return room.owner.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200).root("health");
    }

    /** Moves the room's matching events back in time, as if they had happened days ago. */
    private void age(String roomId, String which, int days) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update room_event set at = at - make_interval("
                        + "days => ?) where room_id = ? and " + which)) {
            update.setInt(1, days);
            update.setObject(2, UUID.fromString(roomId));
            update.executeUpdate();
        }
    }

    private static String groupId(DealRoomFixture room, String key) {
        return room.owner.api().get("/api/rooms/{r}/groups/{g}", room.roomId, key).then().extract().path("id");
    }
}

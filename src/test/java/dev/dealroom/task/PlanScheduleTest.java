package dev.dealroom.task;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import dev.dealroom.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The plan that schedules itself: due rules give dates, a change reschedules what follows it (transitively, one
 * {@code task.rescheduled} per task whose date moved, to its group's members only), and a milestone rolls up the tasks
 * leading to it. The room opens on 2026-06-01 (server clock fixed, in UTC); its decision date is 2027-03-31.
 */
@QuarkusTest
class PlanScheduleTest {

    private static final Instant OPENING = Instant.parse("2026-06-01T09:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    TaskStatement statement;

    @BeforeEach
    void openOnTheFirstOfJune() {
        clock.fix(OPENING, ZoneOffset.UTC);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void eachRuleGivesItsDate() {
        DealRoomFixture room = new DealRoomFixture();
        JsonPath opened = create(room, "proof", Map.of("title", "Kick-off", "dueKind", "AFTER_ROOM_OPENED",
                "dueDays", 10));
        assertEquals("2026-06-11", opened.getString("dueDate"));
        assertEquals("AFTER_ROOM_OPENED", opened.getString("dueKind"));
        assertEquals(10, opened.getInt("dueDays"));
        assertNull(opened.get("dueAfterTaskId"));

        JsonPath beforeDecision = create(room, "proof", Map.of("title", "Final demo", "dueKind", "BEFORE_DECISION",
                "dueDays", 30));
        assertEquals("2027-03-01", beforeDecision.getString("dueDate"));

        JsonPath after = create(room, "proof", Map.of("title", "Pilot", "dueKind", "AFTER_TASK", "dueDays", 5,
                "dueAfterTaskId", opened.getString("id")));
        assertEquals("2026-06-16", after.getString("dueDate"));
        assertEquals(opened.getString("id"), after.getString("dueAfterTaskId"));

        // a request with a date alone is the task's own date, as before rules existed
        JsonPath plain = create(room, "proof", Map.of("title", "Security review", "dueDate", "2026-07-01"));
        assertEquals("ABSOLUTE", plain.getString("dueKind"));
        assertEquals("2026-07-01", plain.getString("dueDate"));
        JsonPath undated = create(room, "proof", Map.of("title", "Someday"));
        assertEquals("ABSOLUTE", undated.getString("dueKind"));
        assertNull(undated.get("dueDate"));
        JsonPath afterUndated = create(room, "proof", Map.of("title", "Later", "dueKind", "AFTER_TASK", "dueDays", 1,
                "dueAfterTaskId", undated.getString("id")));
        assertNull(afterUndated.get("dueDate"), "no date while the task it follows has none");

        // a change of a date alone makes a rule-driven task's date its own again
        change(room.owner, room, after.getString("id"), Map.of("dueDate", "2026-08-01")).statusCode(200)
                .body("dueKind", equalTo("ABSOLUTE")).body("dueDate", equalTo("2026-08-01"))
                .body("dueDays", equalTo(null)).body("dueAfterTaskId", equalTo(null));
    }

    @Test
    void aBadRuleIsRefusedWithItsFieldAndChangesNothing() {
        DealRoomFixture room = new DealRoomFixture();
        String first = create(room, "proof", Map.of("title", "First", "dueDate", "2026-06-20")).getString("id");
        String second = create(room, "proof", Map.of("title", "Second", "dueKind", "AFTER_TASK", "dueDays", 1,
                "dueAfterTaskId", first)).getString("id");
        String third = create(room, "proof", Map.of("title", "Third", "dueKind", "AFTER_TASK", "dueDays", 1,
                "dueAfterTaskId", second)).getString("id");
        String elsewhere = room.owner.api().body(Map.of("title", "Steering only", "dueDate", "2026-06-30"))
                .post("/api/rooms/{r}/groups/steering/tasks", room.roomId).then().statusCode(201).extract().path("id");
        long before = room.seq();

        List<Object[]> creates = List.of(
                new Object[] { Map.of("title", "x", "dueKind", "SOMEDAY", "dueDays", 1), "dueKind" },
                new Object[] { Map.of("title", "x", "dueKind", "AFTER_ROOM_OPENED"), "dueDays", "required" },
                new Object[] { Map.of("title", "x", "dueKind", "AFTER_ROOM_OPENED", "dueDays", -1), "dueDays" },
                new Object[] { Map.of("title", "x", "dueKind", "BEFORE_DECISION", "dueDays", 3651), "dueDays" },
                new Object[] { Map.of("title", "x", "dueKind", "BEFORE_DECISION", "dueDays", "many"), "dueDays" },
                new Object[] { Map.of("title", "x", "dueDays", 3), "dueKind", "required" },
                new Object[] { Map.of("title", "x", "dueKind", "BEFORE_DECISION", "dueDays", 3, "dueDate",
                        "2026-07-01"), "dueDate", "invalid-value" },
                new Object[] { Map.of("title", "x", "dueKind", "ABSOLUTE", "dueDays", 3), "dueDays", "invalid-value" },
                new Object[] { Map.of("title", "x", "dueKind", "AFTER_TASK", "dueDays", 3), "dueAfterTaskId",
                        "required" },
                new Object[] { Map.of("title", "x", "dueKind", "BEFORE_DECISION", "dueDays", 3, "dueAfterTaskId",
                        first), "dueAfterTaskId", "invalid-value" },
                new Object[] { Map.of("title", "x", "dueKind", "AFTER_TASK", "dueDays", 3, "dueAfterTaskId",
                        "not-an-id"), "dueAfterTaskId", "not-in-group" },
                new Object[] { Map.of("title", "x", "dueKind", "AFTER_TASK", "dueDays", 3, "dueAfterTaskId",
                        "00000000-0000-4000-8000-000000000000"), "dueAfterTaskId", "not-in-group" },
                new Object[] { Map.of("title", "x", "dueKind", "AFTER_TASK", "dueDays", 3, "dueAfterTaskId",
                        elsewhere), "dueAfterTaskId", "not-in-group" },
                new Object[] { Map.of("title", "x", "dueKind", "AFTER_TASK", "dueDays", 3, "dueAfterTaskId",
                        "x".repeat(65)), "dueAfterTaskId" });
        for (Object[] bad : creates) {
            ValidatableResponse refused = room.owner.api().body(bad[0])
                    .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(400)
                    .body("code", equalTo("validation-failed")).body("errors[0].field", equalTo(bad[1]));
            if (bad.length > 2) {
                refused.body("errors[0].code", equalTo(bad[2]));
            }
        }
        // a cycle of any length: itself, two, three tasks
        for (String leader : List.of(first, third, second)) {
            change(room.owner, room, first, Map.of("dueKind", "AFTER_TASK", "dueDays", 0, "dueAfterTaskId", leader))
                    .statusCode(400).body("errors[0].field", equalTo("dueAfterTaskId"))
                    .body("errors[0].code", equalTo("cycle"));
        }
        change(room.owner, room, second, Map.of("dueKind", "AFTER_TASK", "dueDays", 0, "dueAfterTaskId", third))
                .statusCode(400).body("errors[0].code", equalTo("cycle"));
        change(room.owner, room, first, Map.of("dueKind", "AFTER_TASK", "dueDays", 0, "dueAfterTaskId", elsewhere))
                .statusCode(400).body("errors[0].code", equalTo("not-in-group"));
        assertEquals(before, room.seq(), "nothing written");
        assertEquals(first, task(room, second).get("dueAfterTaskId"));
        assertEquals("2026-06-22", task(room, third).get("dueDate"));
    }

    @Test
    void doneReopenedOrMovedATaskReschedulesWhatFollowsItTransitively() {
        DealRoomFixture room = new DealRoomFixture();
        String first = create(room, "proof", Map.of("title", "Connect", "dueDate", "2026-06-20")).getString("id");
        String second = create(room, "proof", Map.of("title", "Pilot", "dueKind", "AFTER_TASK", "dueDays", 3,
                "dueAfterTaskId", first)).getString("id");
        String third = create(room, "proof", Map.of("title", "Results", "dueKind", "AFTER_TASK", "dueDays", 2,
                "dueAfterTaskId", second)).getString("id");
        String unrelated = create(room, "proof", Map.of("title", "Training", "dueDate", "2026-06-18")).getString("id");
        create(room, "proof", Map.of("title", "After training", "dueKind", "AFTER_TASK", "dueDays", 1,
                "dueAfterTaskId", unrelated));
        // a follower of a follower, whose date the change does not move: no event for it
        String sameDate = create(room, "proof", Map.of("title", "Wrap-up", "dueKind", "AFTER_ROOM_OPENED",
                "dueDays", 30)).getString("id");
        assertEquals("2026-06-25", task(room, third).get("dueDate"));

        clock.advance(Duration.ofDays(9)); // 2026-06-10
        long before = room.seq();
        long written = statement.written();
        // the creator was admitted into the group: a status change alone would fit the one statement, which must
        // leave it to the path that reschedules
        change(room.owner, room, first, Map.of("status", "DONE")).statusCode(200);
        assertEquals(written, statement.written(), "a task others follow is changed by the ordinary path");
        JsonPath events = events(room, before);
        assertEquals(List.of("task.updated", "task.rescheduled", "task.rescheduled"), events.getList("events.type"));
        assertRescheduled(events, 1, second, "2026-06-13", "2026-06-23", "TASK_DONE", first);
        assertRescheduled(events, 2, third, "2026-06-15", "2026-06-25", "TASK_DONE", first);
        assertEquals(room.proofId, events.getString("events[1].groupId"));
        assertEquals("2026-06-15", task(room, third).get("dueDate"));
        assertEquals("2026-07-01", task(room, sameDate).get("dueDate"));

        before = room.seq();
        change(room.owner, room, first, Map.of("status", "IN_PROGRESS")).statusCode(200);
        events = events(room, before);
        assertEquals(List.of("task.updated", "task.rescheduled", "task.rescheduled"), events.getList("events.type"));
        assertRescheduled(events, 1, second, "2026-06-23", "2026-06-13", "TASK_REOPENED", first);
        assertRescheduled(events, 2, third, "2026-06-25", "2026-06-15", "TASK_REOPENED", first);

        before = room.seq();
        change(room.owner, room, first, Map.of("dueDate", "2026-06-30")).statusCode(200);
        events = events(room, before);
        assertEquals(List.of("task.updated", "task.rescheduled", "task.rescheduled"), events.getList("events.type"));
        assertRescheduled(events, 2, third, "2026-07-05", "2026-06-25", "TASK_DATE_CHANGED", first);

        // a change of the follower's own rule moves it and its follower, and counts its leaders right
        before = room.seq();
        change(room.owner, room, second, Map.of("dueKind", "AFTER_TASK", "dueDays", 0, "dueAfterTaskId", unrelated))
                .statusCode(200).body("dueDate", equalTo("2026-06-18"));
        events = events(room, before);
        assertEquals(List.of("task.updated", "task.rescheduled"), events.getList("events.type"));
        assertRescheduled(events, 1, third, "2026-06-20", "2026-07-05", "TASK_DATE_CHANGED", second);
        // the first task is followed by nobody now: its status change is the one statement's again
        written = statement.written();
        before = room.seq();
        change(room.owner, room, first, Map.of("status", "DONE")).statusCode(200);
        assertEquals(written + 1, statement.written());
        assertEquals(List.of("task.updated"), events(room, before).getList("events.type"));

        // nothing moves when nothing changes
        before = room.seq();
        change(room.owner, room, first, Map.of("status", "DONE")).statusCode(200);
        change(room.owner, room, unrelated, Map.of("title", "Training, renamed")).statusCode(200);
        assertEquals(List.of("task.updated"), events(room, before).getList("events.type"));
    }

    @Test
    void movingTheDecisionDateReschedulesItsTasksLiveForTheirGroupsOnly() {
        DealRoomFixture room = new DealRoomFixture();
        String demo = create(room, "proof", Map.of("title", "Final demo", "dueKind", "BEFORE_DECISION",
                "dueDays", 30)).getString("id");
        String recap = create(room, "proof", Map.of("title", "Recap", "dueKind", "AFTER_TASK", "dueDays", 2,
                "dueAfterTaskId", demo, "milestone", true)).getString("id");
        String fixed = create(room, "proof", Map.of("title", "Fixed", "dueDate", "2027-03-01")).getString("id");
        String opened = create(room, "proof", Map.of("title", "Opening", "dueKind", "AFTER_ROOM_OPENED",
                "dueDays", 3)).getString("id");
        String steering = room.owner.api().body(Map.of("title", "Budget sign-off", "dueKind", "BEFORE_DECISION",
                "dueDays", 10)).post("/api/rooms/{r}/groups/steering/tasks", room.roomId).then().statusCode(201)
                .extract().path("id");
        long start = room.seq();

        try (LiveClient inside = LiveClient.connect(room.groupMember, room.roomId, start);
                LiveClient outside = LiveClient.connect(room.outsider, room.roomId, start)) {
            inside.replay();
            outside.replay();
            room.decisionMaker.api().body(Map.of("targetDecisionDate", "2027-04-30"))
                    .patch("/api/rooms/{r}", room.roomId).then().statusCode(200);
            // the same date again moves nothing
            room.decisionMaker.api().body(Map.of("targetDecisionDate", "2027-04-30"))
                    .patch("/api/rooms/{r}", room.roomId).then().statusCode(200);
            room.owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);

            JsonPath events = events(room, start);
            assertEquals(List.of("room.updated", "task.rescheduled", "task.rescheduled", "task.rescheduled",
                    "room.updated"), events.getList("events.type"));
            Map<String, String> moved = new HashMap<>();
            for (int i = 1; i <= 3; i++) {
                assertEquals("DECISION_DATE_MOVED", events.getString("events[" + i + "].data.cause"));
                assertNull(events.get("events[" + i + "].data.causeTaskId"));
                moved.put(events.getString("events[" + i + "].data.taskId"),
                        events.getString("events[" + i + "].data.dueDate"));
            }
            assertEquals(Map.of(demo, "2027-03-31", recap, "2027-04-02", steering, "2027-04-20"), moved);
            assertEquals("2027-03-01", task(room, fixed).get("dueDate"));
            assertEquals("2026-06-04", task(room, opened).get("dueDate"));

            List<String> insideSaw = types(inside.until(m -> "room.updated".equals(m.get("type"))
                    && "PROPOSAL".equals(((Map<?, ?>) m.get("data")).get("stage"))));
            assertEquals(List.of("room.updated", "task.rescheduled", "task.rescheduled", "room.updated"), insideSaw);
            List<String> outsideSaw = types(outside.until(m -> "room.updated".equals(m.get("type"))
                    && "PROPOSAL".equals(((Map<?, ?>) m.get("data")).get("stage"))));
            assertEquals(List.of("room.updated", "room.updated"), outsideSaw, "another group's plan never reaches them");
        }
        room.outsider.api().get("/api/rooms/{r}/events?since={s}", room.roomId, start).then().statusCode(200)
                .body("events.type", equalTo(List.of("room.updated", "room.updated")));
        // the milestone's new date is a key update its group's members owe: a milestone change, by its title
        JsonPath agenda = room.groupMember.api().get("/api/me/agenda").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("MILESTONE"), agenda.getList("keyUpdates.findAll { it.type == 'task.rescheduled' }.kind"));
        assertEquals(List.of("Recap"), agenda.getList("keyUpdates.findAll { it.type == 'task.rescheduled' }.subject"));
        assertEquals(List.of(), room.outsider.api().get("/api/me/agenda").then().statusCode(200).extract().jsonPath()
                .getList("keyUpdates.findAll { it.type == 'task.rescheduled' }"));
    }

    @Test
    void aMilestoneRollsUpTheTasksLeadingToIt() {
        DealRoomFixture room = new DealRoomFixture();
        String first = create(room, "proof", Map.of("title", "Connect", "dueDate", "2026-06-20")).getString("id");
        String second = create(room, "proof", Map.of("title", "Pilot", "dueKind", "AFTER_TASK", "dueDays", 3,
                "dueAfterTaskId", first)).getString("id");
        JsonPath milestone = create(room, "proof", Map.of("title", "Proof accepted", "milestone", true,
                "dueKind", "AFTER_TASK", "dueDays", 2, "dueAfterTaskId", second));
        String accepted = milestone.getString("id");
        assertEquals("2026-06-25", milestone.getString("projectedDate"));
        assertEquals("ON_TRACK", milestone.getString("rollup"));
        assertNull(task(room, first).get("rollup"), "only milestones roll up");
        assertNull(task(room, first).get("projectedDate"));

        change(room.owner, room, second, Map.of("status", "BLOCKED", "blockedReason", "No VPN")).statusCode(200);
        assertEquals("BLOCKED", task(room, accepted).get("rollup"));
        change(room.owner, room, second, Map.of("status", "TODO")).statusCode(200);
        assertEquals("ON_TRACK", task(room, accepted).get("rollup"));

        // a leading task done early leaves an earlier one, not done, due after the milestone's own date
        clock.advance(Duration.ofDays(9)); // 2026-06-10
        change(room.owner, room, second, Map.of("status", "DONE")).statusCode(200);
        Map<String, Object> now = task(room, accepted);
        assertEquals("2026-06-12", now.get("dueDate"));
        assertEquals("2026-06-20", now.get("projectedDate"));
        assertEquals("LATE", now.get("rollup"));
        change(room.owner, room, second, Map.of("status", "IN_PROGRESS")).statusCode(200);
        assertEquals("ON_TRACK", task(room, accepted).get("rollup"));

        // a leading task overdue
        clock.advance(Duration.ofDays(11)); // 2026-06-21
        assertEquals("LATE", task(room, accepted).get("rollup"));
        assertEquals(List.of("LATE"), room.owner.api().get("/api/rooms/{r}/plan", room.roomId).then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.task.id == '" + accepted + "' }.task.rollup"));

        change(room.owner, room, first, Map.of("status", "DONE")).statusCode(200);
        change(room.owner, room, second, Map.of("status", "DONE")).statusCode(200);
        assertEquals("ON_TRACK", task(room, accepted).get("rollup"));
        change(room.owner, room, accepted, Map.of("status", "DONE")).statusCode(200)
                .body("rollup", equalTo("DONE")).body("projectedDate", equalTo("2026-06-23"));
    }

    private static void assertRescheduled(JsonPath events, int index, String task, String dueDate, String previous,
            String cause, String causeTask) {
        String data = "events[" + index + "].data";
        assertEquals(List.of(task, dueDate, previous, cause, causeTask, task, dueDate),
                List.of(events.getString(data + ".taskId"), events.getString(data + ".dueDate"),
                        events.getString(data + ".previousDueDate"), events.getString(data + ".cause"),
                        events.getString(data + ".causeTaskId"), events.getString(data + ".task.id"),
                        events.getString(data + ".task.dueDate")));
    }

    private static List<String> types(List<Map<String, Object>> messages) {
        List<String> types = new ArrayList<>();
        messages.forEach(message -> types.add((String) message.get("type")));
        return types;
    }

    private static JsonPath create(DealRoomFixture room, String group, Map<String, Object> body) {
        return room.owner.api().body(body).post("/api/rooms/{r}/groups/{g}/tasks", room.roomId, group).then()
                .statusCode(201).extract().jsonPath();
    }

    private static ValidatableResponse change(Person who, DealRoomFixture room, String task, Map<String, Object> body) {
        return who.api().body(body).patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then();
    }

    private static Map<String, Object> task(DealRoomFixture room, String task) {
        return room.owner.api().get("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static JsonPath events(DealRoomFixture room, long since) {
        return room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, since).then().statusCode(200)
                .extract().jsonPath();
    }
}

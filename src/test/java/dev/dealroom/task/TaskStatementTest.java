package dev.dealroom.task;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import dev.dealroom.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A task's move to another status, written by {@link TaskStatement} once the login has been admitted into the group on
 * this node (its first write there, a task it created, say): the same rows, event and answer as the ordinary path,
 * whose answers (400, 403, 404, 409) are kept for everything the statement does not write.
 */
@QuarkusTest
class TaskStatementTest {

    @Inject
    TaskStatement statement;

    @Inject
    DataSource dataSource;

    @Test
    void aStatusChangeIsWrittenAsTheOrdinaryPathWritesIt() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        Map<String, Object> milestone = Map.of("title", "Security review", "dueDate", "2020-06-30", "milestone", true,
                "ownerId", room.decisionMakerId);
        String byOrdinaryPath = create(room.owner, room, milestone).getString("id");
        String byStatement = create(room.owner, room, milestone).getString("id");
        long written = statement.written();

        List<Map<String, Object>> moves = List.of(Map.of("status", "IN_PROGRESS"),
                Map.of("status", "BLOCKED", "blockedReason", "  Waiting for the VPN  "), Map.of("status", "TODO"),
                Map.of("status", "DONE"));
        for (Map<String, Object> move : moves) {
            long before = room.seq();
            // the same move with a field that changes nothing does not fit the statement
            Map<String, Object> withMilestone = new HashMap<>(move);
            withMilestone.put("milestone", true);
            JsonPath ordinary = change(room.owner, room, "proof", byOrdinaryPath, withMilestone).statusCode(200)
                    .extract().jsonPath();
            JsonPath moved = change(room.owner, room, "proof", byStatement, move).statusCode(200).extract().jsonPath();

            JsonPath events = events(room, before);
            assertEquals(List.of("task.updated", "task.updated"), events.getList("events.type"));
            assertEquals(moved.getMap(""), events.getMap("events[1].data.task"), "the event carries the answer");
            assertEquals(moved.getMap(""), task(room, byStatement));
            assertEquals(events.getList("events[0].data.changed"), events.getList("events[1].data.changed"));
            assertEquals(events.getMap("events[0].actor"), events.getMap("events[1].actor"));
            assertTrue(keyUpdate(room, before + 1), "a milestone moved: a key update");
            assertTrue(keyUpdate(room, before + 2), "a milestone moved: a key update");
            Map<String, Object> expected = new HashMap<>(ordinary.getMap(""));
            Map<String, Object> actual = new HashMap<>(moved.getMap(""));
            for (String own : List.of("id", "position", "createdAt", "updatedAt")) {
                expected.remove(own);
                actual.remove(own);
            }
            assertEquals(expected, actual, move.toString());
        }
        assertEquals(written + moves.size(), statement.written(), "every move by the one statement");
        assertEquals(List.of(List.of("status"), List.of("blockedReason", "status"), List.of("blockedReason", "status"),
                List.of("status")), changes(room, byStatement));

        // a move to where it is changes nothing; a move the table does not allow is refused as before
        long before = room.seq();
        change(room.owner, room, "proof", byStatement, Map.of("status", "DONE")).statusCode(200)
                .body("status", equalTo("DONE"));
        change(room.owner, room, "proof", byStatement, Map.of("status", "BLOCKED", "blockedReason", "Late"))
                .statusCode(409).body("code", equalTo("invalid-transition"));
        change(room.owner, room, "proof", byStatement, Map.of("status", "IN_PROGRESS", "blockedReason", "Late"))
                .statusCode(400).body("errors[0].field", equalTo("blockedReason"));
        assertEquals(before, room.seq(), "nothing written");
        assertEquals(written + moves.size(), statement.written());
    }

    @Test
    void onlyItsOwnerAndTheManagersMoveATask() {
        DealRoomFixture room = new DealRoomFixture();
        String task = create(room.owner, room, Map.of("title", "Connect the warehouse")).getString("id");
        // the engineer has been admitted into the group on this node
        room.groupMember.api().body(Map.of("body", "Kick-off")).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201);
        long before = room.seq();
        long written = statement.written();

        change(room.groupMember, room, "proof", task, Map.of("status", "IN_PROGRESS")).statusCode(403)
                .body("code", equalTo("forbidden"));
        change(room.groupMember, room, "proof", "not-an-id", Map.of("status", "IN_PROGRESS")).statusCode(404);
        assertEquals(before, room.seq(), "nothing written");
        assertEquals(written, statement.written());

        change(room.owner, room, "proof", task, Map.of("ownerId", room.groupMemberId)).statusCode(200);
        change(room.groupMember, room, "proof", task, Map.of("status", "IN_PROGRESS")).statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        assertEquals(written + 1, statement.written(), "its owner now");
    }

    @Test
    void aMemberRemovedFromTheGroupCannotMoveATaskAMomentLater() {
        DealRoomFixture room = new DealRoomFixture();
        String task = create(room.groupMember, room, Map.of("title", "Connect the warehouse", "ownerId",
                room.groupMemberId)).getString("id");
        long written = statement.written();
        change(room.groupMember, room, "proof", task, Map.of("status", "IN_PROGRESS")).statusCode(200);
        assertEquals(written + 1, statement.written());

        room.owner.api().delete("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, room.groupMemberId).then()
                .statusCode(204);
        long before = room.seq();

        change(room.groupMember, room, "proof", task, Map.of("status", "DONE")).statusCode(404);
        assertEquals(before, room.seq(), "nothing written");
        assertEquals(written + 1, statement.written());
        assertEquals("IN_PROGRESS", task(room, task).get("status"));
    }

    @Test
    void eachChangeCountsOnceAgainstTheWriteRate() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        String task = create(room.owner, room, Map.of("title", "Connect the warehouse")).getString("id");
        // the counting minute is held open, so that the clock turning a minute cannot reset the count under test
        Sql.startRateWindow(dataSource, room.owner);
        int before = Sql.writesCounted(dataSource, room.owner);
        long written = statement.written();

        change(room.owner, room, "proof", task, Map.of("status", "IN_PROGRESS")).statusCode(200);
        change(room.owner, room, "proof", task, Map.of("status", "IN_PROGRESS")).statusCode(200);
        change(room.owner, room, "proof", task, Map.of("title", "Connect both warehouses")).statusCode(200);
        create(room.owner, room, Map.of("title", "Train the team"));

        assertEquals(written + 1, statement.written(), "the repeat, the title and the create are the ordinary path's");
        assertEquals(before + 4, Sql.writesCounted(dataSource, room.owner), "four requests, four counts");
    }

    @Test
    void pastTheWriteRateTheStatementRefusesAndChangesNothing() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        String task = create(room.owner, room, Map.of("title", "Connect the warehouse")).getString("id");
        Sql.exhaustRateLimit(dataSource, room.owner);
        long before = room.seq();
        long written = statement.written();

        change(room.owner, room, "proof", task, Map.of("status", "DONE")).statusCode(429)
                .body("code", equalTo("rate-limited"));
        assertEquals(before, room.seq());
        assertEquals(written, statement.written());
        assertEquals("TODO", task(room, task).get("status"));
    }

    /** A task made in the proof group, through the ordinary path, which admits its creator into the group. */
    private static JsonPath create(Person who, DealRoomFixture room, Map<String, Object> body) {
        return who.api().body(body).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201)
                .extract().jsonPath();
    }

    private static ValidatableResponse change(Person who, DealRoomFixture room, String group, String task,
            Map<String, Object> body) {
        return who.api().body(body).patch("/api/rooms/{r}/groups/{g}/tasks/{t}", room.roomId, group, task).then();
    }

    private static Map<String, Object> task(DealRoomFixture room, String task) {
        return room.owner.api().get("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static JsonPath events(DealRoomFixture room, long since) {
        return room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, since).then().statusCode(200)
                .extract().jsonPath();
    }

    /** What each task.updated of this task said had changed, oldest first. */
    private static List<List<String>> changes(DealRoomFixture room, String task) {
        JsonPath events = events(room, 0);
        List<List<String>> changes = new ArrayList<>();
        List<String> types = events.getList("events.type");
        for (int i = 0; i < types.size(); i++) {
            String path = "events[" + i + "].data";
            if (types.get(i).equals("task.updated") && task.equals(events.getString(path + ".task.id"))) {
                changes.add(events.getList(path + ".changed"));
            }
        }
        return changes;
    }

    private boolean keyUpdate(DealRoomFixture room, long seq) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select key_update from room_event where room_id = cast(? as uuid) and seq = ?")) {
            query.setString(1, room.roomId);
            query.setLong(2, seq);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}

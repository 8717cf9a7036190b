package dev.dealroom.progress;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.TestClock;
import dev.dealroom.task.Overdue;
import dev.dealroom.task.TaskStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * One rule, one clock: whether a task is overdue is the same everywhere it shows — the task, the plan, the
 * coordination view's counts (SQL) and milestones (Java), a nudge — and "today" is the server clock's date in
 * its zone, whatever the zone of the JVM or of the database session.
 */
@QuarkusTest
class OverdueTest {

    /** 22:30 UTC on 15 June is already 16 June, 12:30, on Kiritimati (UTC+14). */
    private static final Instant EVENING_IN_UTC = Instant.parse("2026-06-15T22:30:00Z");
    private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void todayIsTheServerClocksDateInItsZoneForEveryFigure() {
        DealRoomFixture room = new DealRoomFixture();
        clock.fix(EVENING_IN_UTC, KIRITIMATI);
        String task = room.owner.api().body(Map.of("title", "Pilot data extract", "dueDate", "2026-06-15",
                "milestone", true, "ownerId", room.groupMemberId))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201)
                .body("overdue", equalTo(true)).extract().path("id");

        assertOverdue(room, task, true, "2026-06-16");
        nudge(room).statusCode(201).body("count", equalTo(1));

        // The same instant in UTC is still 15 June: the task is due today, not late, wherever it is shown.
        clock.fix(EVENING_IN_UTC, ZoneId.of("UTC"));
        assertOverdue(room, task, false, "2026-06-15");
        // And the day a nudge counts against is that zone's day too: 15 June had none yet.
        nudge(room).statusCode(201).body("count", equalTo(0));
    }

    @Test
    void theSqlFormOfTheRuleAgreesWithTheJavaOne() throws SQLException {
        LocalDate today = LocalDate.of(2026, 6, 15);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select " + Overdue.sql("?")
                        + " from (values (cast(? as date), cast(? as varchar))) as task(due_date, status)")) {
            for (LocalDate due : new LocalDate[] { null, today.minusDays(1), today, today.plusDays(1) }) {
                for (TaskStatus status : TaskStatus.values()) {
                    query.setObject(1, today);
                    query.setObject(2, due);
                    query.setString(3, status.name());
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        assertEquals(Overdue.isOverdue(due, status, today), Boolean.TRUE.equals(row.getObject(1)),
                                "due " + due + ", " + status);
                    }
                }
            }
        }
    }

    private static void assertOverdue(DealRoomFixture room, String task, boolean overdue, String today) {
        int count = overdue ? 1 : 0;
        room.groupMember.api().get("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then()
                .statusCode(200).body("overdue", equalTo(overdue));
        room.groupMember.api().get("/api/rooms/{r}/plan", room.roomId).then().statusCode(200)
                .body("find { it.task.id == '%s' }.task.overdue".formatted(task), equalTo(overdue));
        room.owner.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                .body("timeline.today", equalTo(today))
                .body("timeline.milestones.find { it.taskId == '%s' }.overdue".formatted(task), equalTo(overdue))
                .body("groups.find { it.key == 'proof' }.tasksOverdue", equalTo(count))
                .body("stakeholders.find { it.memberId == '%s' }.tasksOverdue".formatted(room.groupMemberId),
                        equalTo(count))
                .body("health.verdict", equalTo(overdue ? "OFF_TRACK" : "ON_TRACK"));
    }

    private static ValidatableResponse nudge(DealRoomFixture room) {
        return room.owner.api().body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId).then();
    }
}

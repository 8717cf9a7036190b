package dev.dealroom.task;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every status move, allowed or not, and who may change a task. */
@QuarkusTest
class TaskTransitionTest {

    private static final List<String> ALLOWED = List.of("TODO>IN_PROGRESS", "TODO>BLOCKED", "TODO>DONE",
            "IN_PROGRESS>TODO", "IN_PROGRESS>BLOCKED", "IN_PROGRESS>DONE", "BLOCKED>TODO", "BLOCKED>IN_PROGRESS",
            "DONE>IN_PROGRESS");

    static Stream<Arguments> moves() {
        List<Arguments> moves = new ArrayList<>();
        for (TaskStatus from : TaskStatus.values()) {
            for (TaskStatus to : TaskStatus.values()) {
                if (from != to) {
                    moves.add(Arguments.of(from.name(), to.name(), ALLOWED.contains(from + ">" + to)));
                }
            }
        }
        return moves.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: allowed={2}")
    @MethodSource("moves")
    void statusMoves(String from, String to, boolean allowed) {
        DealRoomFixture room = new DealRoomFixture();
        String task = newTask(room);
        if (!from.equals("TODO")) {
            update(room, task, move(from)).then().statusCode(200).body("status", equalTo(from));
        }
        long seq = room.seq();

        var response = update(room, task, move(to));

        if (allowed) {
            response.then().statusCode(200).body("status", equalTo(to))
                    .body("blockedReason", to.equals("BLOCKED") ? equalTo("Waiting for VPN access") : nullValue());
            assertEquals(seq + 1, room.seq(), "one task.updated event");
        } else {
            response.then().statusCode(409).body("code", equalTo("invalid-transition"));
            assertEquals(seq, room.seq(), "a refused move records nothing");
        }
    }

    @Test
    void blockingNeedsAReasonAndOnlyBlockedTasksHaveOne() {
        DealRoomFixture room = new DealRoomFixture();
        String task = newTask(room);
        update(room, task, Map.of("status", "BLOCKED")).then().statusCode(400)
                .body("errors.field", contains("blockedReason"));
        update(room, task, Map.of("status", "IN_PROGRESS", "blockedReason", "x")).then().statusCode(400);
    }

    @Test
    void theTasksOwnerAndTheManagersMayChangeItOtherMembersMayNot() {
        DealRoomFixture room = new DealRoomFixture();
        String task = room.groupMember.api().body(Map.of("title", "Load test", "ownerId", room.decisionMakerId))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201)
                .body("ownerId", equalTo(room.decisionMakerId)).extract().path("id");

        // The proof buyer created it but does not own it.
        room.groupMember.api().body(Map.of("status", "IN_PROGRESS"))
                .patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then().statusCode(403);
        room.owner.api().body(Map.of("ownerId", room.groupMemberId, "dueDate", "2027-02-01"))
                .patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then().statusCode(200)
                .body("ownerId", equalTo(room.groupMemberId));
        room.groupMember.api().body(Map.of("status", "DONE"))
                .patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then().statusCode(200)
                .body("status", equalTo("DONE"));
        // An owner from outside the group is refused.
        room.owner.api().body(Map.of("ownerId", room.outsiderId))
                .patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then().statusCode(400)
                .body("errors.field", contains("ownerId"));
    }

    @Test
    void thePlanIsTheCallersGroupsTasksSoonestDueFirst() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("title", "Sign the order form", "dueDate", "2027-05-01", "milestone", true))
                .post("/api/rooms/{r}/groups/contracts/tasks", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("title", "Pilot go-live", "dueDate", "2027-03-01", "milestone", true))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("title", "Kick-off", "dueDate", "2020-01-15"))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("title", "Someday"))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);

        room.owner.api().get("/api/rooms/{r}/plan", room.roomId).then().statusCode(200)
                .body("task.title", contains("Kick-off", "Pilot go-live", "Sign the order form", "Someday"))
                .body("task.milestone", contains(false, true, true, false))
                .body("task.overdue", contains(true, false, false, false))
                .body("groupName", contains("Proof of concept", "Proof of concept", "Contracts", "Proof of concept"));
        room.groupMember.api().get("/api/rooms/{r}/plan", room.roomId).then().statusCode(200)
                .body("task.title", contains("Kick-off", "Pilot go-live", "Someday"));
    }

    private static Map<String, Object> move(String status) {
        return status.equals("BLOCKED") ? Map.of("status", status, "blockedReason", "Waiting for VPN access")
                : Map.of("status", status);
    }

    private static String newTask(DealRoomFixture room) {
        return room.owner.api().body(Map.of("title", "Connect SSO"))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201)
                .body("status", equalTo("TODO")).extract().path("id");
    }

    private static Response update(DealRoomFixture room, String task, Map<String, ?> body) {
        return room.owner.api().body(body).patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task);
    }
}

package dev.dealroom.task;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Reordering a group's plan: one event, managers only, every task once, nothing for an unchanged order. */
@QuarkusTest
class TaskOrderTest {

    @Test
    void aReorderIsOneEventAndTheListFollowsIt() {
        DealRoomFixture room = new DealRoomFixture();
        String a = task(room, "A");
        String b = task(room, "B");
        String c = task(room, "C");
        long seq = room.seq();
        room.decisionMaker.api().body(Map.of("taskIds", List.of(c, a, b)))
                .put("/api/rooms/{r}/groups/proof/tasks/order", room.roomId).then().statusCode(200)
                .body("id", contains(c, a, b)).body("position", contains(0, 1, 2));
        room.groupMember.api().get("/api/rooms/{r}/groups/proof/tasks", room.roomId).then()
                .body("title", contains("C", "A", "B"));
        JsonPath events = room.owner.api().get("/api/rooms/{r}/events?since=" + seq, room.roomId).then()
                .extract().jsonPath();
        assertEquals(List.of("task.reordered"), events.getList("events.type"));
        assertEquals(List.of(c, a, b), events.getList("events[0].data.taskIds"));
        // The same order again moves nothing: no event.
        long after = room.seq();
        room.owner.api().body(Map.of("taskIds", List.of(c, a, b)))
                .put("/api/rooms/{r}/groups/proof/tasks/order", room.roomId).then().statusCode(200);
        assertEquals(after, room.seq());
    }

    @Test
    void aListThatMissesOrRepeatsATaskIsRefusedAndChangesNothing() {
        DealRoomFixture room = new DealRoomFixture();
        String a = task(room, "A");
        String b = task(room, "B");
        long seq = room.seq();
        for (List<String> order : List.of(List.of(b), List.of(b, a, a), List.of(b, b), List.of(b, a, "nope"))) {
            room.owner.api().body(Map.of("taskIds", order))
                    .put("/api/rooms/{r}/groups/proof/tasks/order", room.roomId).then().statusCode(400)
                    .body("code", equalTo("validation-failed")).body("errors.field", contains("taskIds"))
                    .body("errors.code", contains("stale-order"));
        }
        assertEquals(seq, room.seq());
        room.owner.api().get("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().body("title", contains("A", "B"));
    }

    @Test
    void onlyManagersReorderAndOutsidersSeeNothing() {
        DealRoomFixture room = new DealRoomFixture();
        List<String> ids = new ArrayList<>(List.of(task(room, "A"), task(room, "B")));
        java.util.Collections.reverse(ids);
        reorder(room.groupMember, room, ids).then().statusCode(403).body("code", equalTo("forbidden"));
        reorder(room.outsider, room, ids).then().statusCode(404);
        reorder(room.owner, room, ids).then().statusCode(200);
    }

    private static io.restassured.response.Response reorder(Person who, DealRoomFixture room, List<String> ids) {
        return who.api().body(Map.of("taskIds", ids)).put("/api/rooms/{r}/groups/proof/tasks/order", room.roomId);
    }

    private static String task(DealRoomFixture room, String title) {
        return room.groupMember.api().body(Map.of("title", title))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201).extract().path("id");
    }
}

package dev.dealroom.progress;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The pipeline a page at a time: every sort walked page by page, its limits, and health as the progress view's. */
@QuarkusTest
class PipelineTest {

    private static final List<String> SORTS = List.of("decisionDate", "name", "amount", "stage", "health",
            "lastBuyerActivity");

    @Inject
    DataSource dataSource;

    @Test
    void pagesWalkTheWholePipelineInTheAskedOrderWithNoDuplicateAndNoGap() {
        Person seller = Person.random("seller");
        List<String> rooms = new ArrayList<>();
        // Ties on every sort key (dates, amounts, no amount, stages), so the order rests on the room id too.
        rooms.add(room(seller, "delta", "2027-03-31", 50_000, "DISCOVERY"));
        rooms.add(room(seller, "Alpha", "2027-03-31", 50_000, "PROPOSAL"));
        rooms.add(room(seller, "charlie", "2027-01-15", null, "DISCOVERY"));
        rooms.add(room(seller, "Bravo", "2027-06-30", 900_000, "NEGOTIATION"));
        rooms.add(room(seller, "echo", "2027-01-15", null, "PROPOSAL"));
        rooms.add(room(seller, "Foxtrot", "2027-03-31", 10_000, "DISCOVERY"));
        rooms.add(room(seller, "golf", "2027-06-30", 10_000, "NEGOTIATION"));
        seller.api().body(Map.of("title", "Late milestone", "dueDate", "2020-01-01", "milestone", true))
                .post("/api/rooms/{r}/groups/proof/tasks", rooms.get(3)).then().statusCode(201);
        task(seller, rooms.get(5), "proof", Map.of("title", "Blocked"), Map.of("status", "BLOCKED", "blockedReason",
                "Waiting"));
        buyerPosts(seller, rooms.get(0));
        buyerPosts(seller, rooms.get(6));

        for (String sort : SORTS) {
            for (String order : List.of("asc", "desc")) {
                String asked = "sort=" + sort + "&order=" + order;
                List<String> whole = seller.api().get("/api/pipeline?" + asked + "&limit=200").then().statusCode(200)
                        .body("total", equalTo(7)).body("nextOffset", nullValue())
                        .extract().jsonPath().getList("rooms.roomId");
                assertEquals(7, new LinkedHashSet<>(whole).size(), asked);
                List<String> walked = new ArrayList<>();
                Integer offset = 0;
                int pages = 0;
                while (offset != null) {
                    JsonPath page = seller.api().get("/api/pipeline?" + asked + "&limit=3&offset=" + offset).then()
                            .statusCode(200).body("total", equalTo(7)).extract().jsonPath();
                    walked.addAll(page.getList("rooms.roomId"));
                    offset = page.get("nextOffset");
                    pages++;
                }
                assertEquals(whole, walked, asked);
                assertEquals(3, pages, asked);
            }
        }

        // The orders themselves, ties broken by room id whichever the direction.
        List<String> byDate = seller.api().get("/api/pipeline?limit=200").then().extract().path("rooms.roomId");
        assertEquals(List.of(rooms.get(2), rooms.get(4)).stream().sorted().toList(), byDate.subList(0, 2));
        assertEquals(List.of(rooms.get(0), rooms.get(1), rooms.get(5)).stream().sorted().toList(), byDate.subList(2, 5));
        assertEquals(List.of(rooms.get(3), rooms.get(6)).stream().sorted().toList(), byDate.subList(5, 7));
        List<String> byAmount = seller.api().get("/api/pipeline?sort=amount&order=desc&limit=200").then()
                .extract().path("rooms.roomId");
        assertEquals(rooms.get(3), byAmount.get(0));
        assertEquals(List.of(rooms.get(2), rooms.get(4)).stream().sorted().toList(), byAmount.subList(5, 7),
                "no amount comes last, largest first");
        seller.api().get("/api/pipeline?sort=health&order=desc&limit=2").then()
                .body("rooms.roomId", contains(rooms.get(3), rooms.get(5)))
                .body("rooms.health", contains("OFF_TRACK", "AT_RISK"))
                .body("nextOffset", equalTo(2));
        seller.api().get("/api/pipeline?sort=lastBuyerActivity&order=desc&limit=2").then()
                .body("rooms.roomId", contains(rooms.get(6), rooms.get(0)));
        // A page sorted by the rooms' own columns carries the figures of its rooms all the same.
        seller.api().get("/api/pipeline?sort=name&limit=2&offset=1").then()
                .body("rooms.name", contains("Bravo", "charlie"))
                .body("rooms.health", contains("OFF_TRACK", "ON_TRACK"))
                .body("rooms.nextMilestone", contains("2020-01-01", null))
                .body("nextOffset", equalTo(3));
        seller.api().get("/api/pipeline?offset=7").then().statusCode(200)
                .body("rooms", empty()).body("total", equalTo(7)).body("nextOffset", nullValue());
        seller.api().get("/api/pipeline?offset=2147483647&limit=200").then().statusCode(200).body("rooms", empty());
        seller.api().get("/api/pipeline").then().body("rooms", hasSize(7));
    }

    @Test
    void aPageHoldsFiftyRoomsUnlessAskedAndNeverMoreThanTwoHundred() {
        Person seller = Person.random("seller");
        room(seller, "Only", "2027-03-31", null, "DISCOVERY");
        seller.api().get("/api/pipeline?limit=200").then().statusCode(200).body("rooms", hasSize(1));
        seller.api().get("/api/pipeline?limit=1").then().statusCode(200).body("nextOffset", nullValue());

        for (String limit : List.of("0", "201", "-1")) {
            seller.api().get("/api/pipeline?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("validation-failed"))
                    .body("errors.field", contains("limit"))
                    .body("errors[0].code", equalTo("out-of-range"))
                    .body("errors[0].message", equalTo("limit is between 1 and 200"));
        }
        seller.api().get("/api/pipeline?offset=-1").then().statusCode(400)
                .body("errors.field", contains("offset")).body("errors[0].code", equalTo("out-of-range"))
                .body("errors[0].message", equalTo("offset is 0 or more"));
        seller.api().header("Accept-Language", "fr").get("/api/pipeline?offset=-1").then().statusCode(400)
                .body("errors[0].message", equalTo("offset vaut 0 ou plus"));
        seller.api().header("Accept-Language", "fr").get("/api/pipeline?limit=500").then().statusCode(400)
                .body("errors[0].message", equalTo("limit est compris entre 1 et 200"));
        for (String offset : List.of("x", "1.5", "2147483648")) {
            seller.api().get("/api/pipeline?offset=" + offset).then().statusCode(400)
                    .body("errors.field", contains("offset"));
        }
        seller.api().get("/api/pipeline?limit=ten").then().statusCode(400).body("errors.field", contains("limit"));
        // Every invalid field at once.
        seller.api().get("/api/pipeline?sort=colour&order=up&offset=-3&limit=0").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("sort", "order", "offset", "limit"));
    }

    @Test
    void aRowsHealthIsTheHealthTheProgressViewGivesTheSameMember() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        // A group people named, the group member in it and the owner not: steering sees it as a private group.
        String custom = room.decisionMaker.api().body(Map.of("name", "Walk-away", "memberIds",
                List.of(room.groupMemberId))).post("/api/rooms/{r}/groups", room.roomId).then().statusCode(201)
                .extract().path("id");
        room.decisionMaker.api().body(Map.of("body", "We stop at 90k", "announcement", true))
                .post("/api/rooms/{r}/groups/{g}/posts", room.roomId, custom).then().statusCode(201);
        room.owner.api().body(Map.of("body", "Kick-off on Monday", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("title", "Data sample", "dueDate", "2020-02-02", "ownerId",
                room.groupMemberId)).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);
        task(room.owner, room.roomId, "contracts", Map.of("title", "Redlines"), Map.of("status", "BLOCKED",
                "blockedReason", "Counsel away"));
        room.owner.api().body(Map.of("title", "Pilot live", "dueDate", "2099-01-01", "milestone", true))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);
        task(room.owner, room.roomId, "proof", Map.of("title", "Kick-off done", "dueDate", "2020-01-01", "milestone",
                true), Map.of("status", "DONE"));
        // Ten days on: the announcements are unseen long enough to be reasons, and the workstreams idle.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement age = connection.prepareStatement("update room_event set at = at - interval"
                        + " '10 days' where room_id = ?")) {
            age.setObject(1, UUID.fromString(room.roomId));
            age.executeUpdate();
        }

        Map<String, Integer> reasons = new HashMap<>();
        for (Person viewer : List.of(room.owner, room.decisionMaker, room.groupMember, room.outsider)) {
            JsonPath progress = viewer.api().get("/api/rooms/{r}/progress", room.roomId).then().statusCode(200)
                    .extract().jsonPath();
            JsonPath row = viewer.api().get("/api/pipeline").then().statusCode(200).extract().jsonPath();
            String who = viewer.email();
            assertEquals(room.roomId, row.getString("rooms[0].roomId"), who);
            assertEquals(progress.getString("health.verdict"), row.getString("rooms[0].health"), who);
            assertEquals(progress.getList("health.reasons").size(), row.getInt("rooms[0].healthReasons"), who);
            List<String> open = progress.getList("timeline.milestones.findAll { it.status != 'DONE' }.dueDate");
            assertEquals(open.stream().sorted().findFirst().orElse(null), row.getString("rooms[0].nextMilestone"),
                    who);
            reasons.put(who, row.getInt("rooms[0].healthReasons"));
        }
        // The cases differ: steering sees more than the buyer outside proof, and not the same as the group member.
        assertTrue(reasons.get(room.owner.email()) > reasons.get(room.outsider.email()), reasons.toString());
        assertTrue(reasons.values().stream().distinct().count() >= 3, reasons.toString());
    }

    private static void task(Person by, String roomId, String group, Map<String, Object> task,
            Map<String, Object> change) {
        String id = by.api().body(task).post("/api/rooms/{r}/groups/{g}/tasks", roomId, group).then().statusCode(201)
                .extract().path("id");
        by.api().body(change).patch("/api/rooms/{r}/groups/{g}/tasks/{t}", roomId, group, id).then().statusCode(200);
    }

    private static void buyerPosts(Person seller, String roomId) {
        Person buyer = Person.random("buyer");
        seller.api().body(Map.of("email", buyer.email(), "name", "B", "side", "BUYER", "groups", List.of("proof")))
                .post("/api/rooms/{r}/members", roomId).then().statusCode(201);
        buyer.api().body(Map.of("body", "Question")).post("/api/rooms/{r}/groups/proof/posts", roomId).then()
                .statusCode(201);
    }

    private static String room(Person owner, String name, String decision, Integer amount, String stage) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "prospectAccount", "P", "targetDecisionDate",
                decision, "stage", stage));
        if (amount != null) {
            body.put("amount", amount);
            body.put("currency", "EUR");
        }
        return owner.api().body(body).post("/api/rooms").then().statusCode(201).extract().path("room.id");
    }
}

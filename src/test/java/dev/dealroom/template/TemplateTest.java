package dev.dealroom.template;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.support.Burst;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LockHolder;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Room templates (issue 17): saved from a room without people, with relative dates, and opened into new rooms. */
@QuarkusTest
class TemplateTest {

    @Inject
    DealRoomConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void aSavedTemplateOpensARoomWithItsGroupsPlanRulesSignoffsToRequestAndWelcomeButNoPeople() {
        DealRoomFixture source = new DealRoomFixture();
        LocalDate opened = openedOn(source.owner, source.roomId);
        source.owner.api().body(Map.of("welcomeMessage", "Welcome to our pilot.\nAll is here."))
                .patch("/api/rooms/{r}", source.roomId).then().statusCode(200);
        String scope = task(source.owner, source.roomId, "proof", Map.of("title", "Agree on scope",
                "dueDate", opened.plusDays(10).toString(), "ownerId", source.groupMemberId));
        task(source.owner, source.roomId, "proof", Map.of("title", "Pilot results", "milestone", true,
                "dueKind", "AFTER_TASK", "dueDays", 5, "dueAfterTaskId", scope));
        task(source.owner, source.roomId, "proof", Map.of("title", "Pilot review", "dueKind", "BEFORE_DECISION",
                "dueDays", 7));
        String security = source.owner.api().body(Map.of("name", "Security review", "kind", "WORKSTREAM"))
                .post("/api/rooms/{r}/groups", source.roomId).then().statusCode(201).extract().path("id");
        task(source.owner, source.roomId, security, Map.of("title", "Questionnaire", "dueKind",
                "AFTER_ROOM_OPENED", "dueDays", 3));
        source.owner.api().body(Map.of("title", "Pilot accepted", "description", "The criteria are met",
                "approverIds", List.of(source.groupMemberId)))
                .post("/api/rooms/{r}/groups/proof/signoffs", source.roomId).then().statusCode(201);
        source.groupMember.api().body(Map.of("body", "Our secret notes"))
                .post("/api/rooms/{r}/groups/proof/posts", source.roomId).then().statusCode(201);

        String saved = source.owner.api().body(Map.of("name", "Our pilot way", "description", "Proof first"))
                .post("/api/rooms/{r}/templates", source.roomId)
                .then().statusCode(201)
                .body("mine", equalTo(true)).body("shared", equalTo(false)).body("builtIn", equalTo(false))
                .extract().asString();
        JsonPath template = JsonPath.from(saved);
        // no people: neither members, assignees, approvers nor posts
        for (String secret : List.of(source.groupMemberId, source.groupMember.email(), source.decisionMakerId,
                source.outsider.email(), "Our secret notes")) {
            assertFalse(saved.contains(secret), secret);
        }
        assertEquals("Welcome to our pilot.\nAll is here.", template.getString("content.welcomeMessage"));
        Map<String, Object> proof = group(template, "proof");
        assertEquals(List.of(
                item("t1", "Agree on scope", false, "AFTER_ROOM_OPENED", 10, null),
                item("t2", "Pilot results", true, "AFTER_TASK", 5, "t1"),
                item("t3", "Pilot review", false, "BEFORE_DECISION", 7, null)),
                ((List<?>) proof.get("tasks")).stream().map(TemplateTest::itemOf).toList());
        assertEquals(List.of(item("s1", "Pilot accepted", false, null, null, null)),
                ((List<?>) proof.get("signoffs")).stream().map(TemplateTest::itemOf).toList());

        String id = template.getString("id");
        source.owner.api().get("/api/templates").then().statusCode(200)
                .body("[0].id", equalTo("complex-b2b-evaluation"))
                .body("find { it.id == '" + id + "' }.name", equalTo("Our pilot way"))
                .body("find { it.id == '" + id + "' }.content", nullValue());

        // opened into a new room, with another decision date
        JsonPath room = JsonPath.from(source.owner.api().body(Map.of("name", "Contoso pilot", "prospectAccount",
                "Contoso", "targetDecisionDate", "2027-09-30", "templateId", id))
                .post("/api/rooms").then().statusCode(201).extract().asString());
        String roomId = room.getString("room.id");
        LocalDate newOpened = openedOn(source.owner, roomId);
        assertEquals("Welcome to our pilot.\nAll is here.", room.getString("room.welcomeMessage"));
        assertTrue(room.getList("groups.name").contains("Security review"));
        JsonPath tasks = JsonPath.from(source.owner.api().get("/api/rooms/{r}/groups/proof/tasks", roomId)
                .then().statusCode(200).extract().asString());
        assertEquals(List.of("Agree on scope", "Pilot results", "Pilot review", "Pilot accepted"),
                tasks.getList("title"));
        assertEquals(newOpened.plusDays(10).toString(), tasks.getString("[0].dueDate"));
        assertEquals("AFTER_ROOM_OPENED", tasks.getString("[0].dueKind"));
        assertEquals(tasks.getString("[0].id"), tasks.getString("[1].dueAfterTaskId"));
        assertEquals(newOpened.plusDays(15).toString(), tasks.getString("[1].dueDate"));
        assertEquals(true, tasks.getBoolean("[1].milestone"));
        assertEquals("2027-09-23", tasks.getString("[2].dueDate"));
        assertEquals(List.of(false, false, false, true), tasks.getList("signoffToRequest"));
        assertEquals(List.of("The criteria are met"), tasks.getList("findAll { it.signoffToRequest }.description"));
        assertTrue(tasks.getList("ownerId").stream().allMatch(owner -> owner == null));
        String newSecurity = room.getString("groups.find { it.name == 'Security review' }.id");
        source.owner.api().get("/api/rooms/{r}/groups/{g}/tasks", roomId, newSecurity).then().statusCode(200)
                .body("dueDate", contains(newOpened.plusDays(3).toString()));
        source.owner.api().get("/api/rooms/{r}/members", roomId).then().statusCode(200).body("size()", equalTo(1));
        source.owner.api().get("/api/rooms/{r}/groups/proof/signoffs", roomId).then().body("size()", equalTo(0));
        source.owner.api().get("/api/rooms/{r}/groups/proof/posts", roomId).then().body("posts.size()", equalTo(0));
        // the room's events, as for a hand-made room: its opening, the added group, each task
        JsonPath events = JsonPath.from(source.owner.api().get("/api/rooms/{r}/events?since=0", roomId).then()
                .statusCode(200).extract().asString());
        List<String> types = events.getList("events.type");
        assertEquals("room.created", types.get(0));
        assertEquals(1, types.stream().filter("group.created"::equals).count());
        assertEquals(5, types.stream().filter("task.created"::equals).count());
        assertEquals(room.getLong("seq"), events.getLong("events[-1].seq"));
        // a welcome text given wins over the template's
        source.owner.api().body(Map.of("name", "Fabrikam", "prospectAccount", "Fabrikam", "targetDecisionDate",
                "2027-09-30", "templateId", id, "welcomeMessage", "Hello Fabrikam")).post("/api/rooms")
                .then().statusCode(201).body("room.welcomeMessage", equalTo("Hello Fabrikam"));
    }

    @Test
    void aSaveCapturesOnlyTheGroupsItsAuthorIsInAndATemplateIsItsAuthorsUnlessShared() {
        DealRoomFixture source = new DealRoomFixture();
        task(source.owner, source.roomId, "contracts", Map.of("title", "Sealed contract work"));
        task(source.owner, source.roomId, "proof", Map.of("title", "Proof work"));
        Person presales = Person.random("presales");
        source.addMember(source.owner, presales, "SELLER", false, "proof");
        String saved = presales.api().body(Map.of("name", "Presales way"))
                .post("/api/rooms/{r}/templates", source.roomId).then().statusCode(201).extract().asString();
        JsonPath template = JsonPath.from(saved);
        assertEquals(List.of("everyone", "proof"), template.getList("content.groups.key"));
        assertFalse(saved.contains("Sealed contract work"));
        assertTrue(saved.contains("Proof work"));
        // a buyer may not save the room
        source.groupMember.api().body(Map.of("name", "Mine")).post("/api/rooms/{r}/templates", source.roomId)
                .then().statusCode(403).body("code", equalTo("forbidden"));

        String id = template.getString("id");
        // not shared: to anyone else it is not there, exactly as a template that does not exist
        byte[] unknown = source.stranger.api().get("/api/templates/{t}", "00000000-0000-7000-8000-000000000000")
                .then().statusCode(404).extract().asByteArray();
        assertArrayEquals(unknown, source.stranger.api().get("/api/templates/{t}", id).then().statusCode(404)
                .extract().asByteArray());
        source.stranger.api().get("/api/templates").then().body("id", not(hasItem(id)));
        source.stranger.api().body(Map.of("shared", true)).patch("/api/templates/{t}", id).then().statusCode(404);
        source.stranger.api().delete("/api/templates/{t}", id).then().statusCode(404);
        source.stranger.api().body(newRoom(id)).post("/api/rooms").then().statusCode(400)
                .body("errors[0].field", equalTo("templateId")).body("errors[0].code", equalTo("unknown-template"));

        // shared: visible and usable by everyone, changed by its author alone
        presales.api().body(Map.of("shared", true)).patch("/api/templates/{t}", id).then().statusCode(200)
                .body("shared", equalTo(true));
        source.stranger.api().get("/api/templates").then()
                .body("find { it.id == '" + id + "' }.mine", equalTo(false))
                .body("find { it.id == '" + id + "' }.authorName", equalTo(presales.name()));
        source.stranger.api().get("/api/templates/{t}", id).then().statusCode(200)
                .body("content.groups.key", equalTo(List.of("everyone", "proof")));
        source.stranger.api().body(Map.of("name", "Hijacked")).patch("/api/templates/{t}", id).then()
                .statusCode(403);
        source.stranger.api().delete("/api/templates/{t}", id).then().statusCode(403);
        source.stranger.api().body(newRoom(id)).post("/api/rooms").then().statusCode(201);

        presales.api().delete("/api/templates/{t}", id).then().statusCode(204);
        presales.api().get("/api/templates/{t}", id).then().statusCode(404);
    }

    @Test
    void aTemplateKeepsWhatTheSellersSideWroteAndNothingOfTheBuyers() {
        DealRoomFixture source = new DealRoomFixture();
        task(source.owner, source.roomId, "proof", Map.of("title", "Seller's proof step"));
        task(source.decisionMaker, source.roomId, "steering", Map.of("title", "DM budget cap 1.2M",
                "description", "board only"));
        task(source.groupMember, source.roomId, "proof", Map.of("title", "Buyer's own proof item"));
        source.decisionMaker.api().body(Map.of("title", "Buyer-side approval", "approverIds",
                List.of(source.groupMemberId))).post("/api/rooms/{r}/groups/proof/signoffs", source.roomId).then()
                .statusCode(201);
        source.owner.api().body(Map.of("title", "Seller's sign-off", "approverIds", List.of(source.groupMemberId)))
                .post("/api/rooms/{r}/groups/proof/signoffs", source.roomId).then().statusCode(201);

        String saved = source.owner.api().body(Map.of("name", "Seller's way", "shared", true))
                .post("/api/rooms/{r}/templates", source.roomId).then().statusCode(201).extract().asString();
        assertTrue(saved.contains("Seller's proof step") && saved.contains("Seller's sign-off"), saved);
        for (String buyers : List.of("DM budget cap", "board only", "Buyer's own proof item", "Buyer-side approval")) {
            assertFalse(saved.contains(buyers), buyers + " was kept: " + saved);
        }
    }

    @Test
    void aWonDealsRoomIsSavedAsATemplateWhileItStaysClosed() {
        DealRoomFixture source = new DealRoomFixture();
        task(source.owner, source.roomId, "proof", Map.of("title", "What won it"));
        source.owner.api().body(Map.of("status", "WON", "closeReason", "Fastest pilot"))
                .patch("/api/rooms/{r}", source.roomId).then().statusCode(200);
        String saved = source.owner.api().body(Map.of("name", "How we won Northwind"))
                .post("/api/rooms/{r}/templates", source.roomId).then().statusCode(201).extract().asString();
        assertTrue(saved.contains("What won it"), saved);
        source.owner.api().get("/api/rooms/{r}", source.roomId).then().statusCode(200)
                .body("room.status", equalTo("WON")).body("may", hasItem("template.save"));
    }

    @Test
    void theBuiltInTemplateOpensInTheOpenersLanguageAndIsReadOnly() {
        Person seller = Person.random("seller");
        seller.api().header("Accept-Language", "fr").get("/api/templates/complex-b2b-evaluation").then()
                .statusCode(200).body("name", equalTo("Évaluation B2B complexe")).body("builtIn", equalTo(true))
                .body("content.groups.key", equalTo(List.of("everyone", "steering", "proof", "implementation",
                        "success-metrics", "business-case", "contracts")));
        String fr = seller.api().header("Accept-Language", "fr").body(newRoom("complex-b2b-evaluation"))
                .post("/api/rooms").then().statusCode(201).extract().path("room.id");
        seller.api().get("/api/rooms/{r}/groups/proof/tasks", fr).then().statusCode(200)
                .body("[0].title", equalTo("Définir le périmètre et les critères de réussite de la preuve de concept"))
                .body("find { it.signoffToRequest }.title", equalTo("Preuve de concept acceptée"));
        seller.api().get("/api/rooms/{r}/groups/contracts/tasks", fr).then().statusCode(200)
                .body("find { it.title == 'Contrat signé' }.dueDate", equalTo("2027-03-31"));
        String en = seller.api().header("Accept-Language", "en").body(newRoom("complex-b2b-evaluation"))
                .post("/api/rooms").then().statusCode(201)
                .body("room.welcomeMessage", equalTo("Welcome to our shared evaluation room.\nEach workstream has "
                        + "its own group, plan and documents; the steering group keeps the decision on track."))
                .extract().path("room.id");
        seller.api().get("/api/rooms/{r}/groups/business-case/tasks", en).then().statusCode(200)
                .body("find { it.signoffToRequest }.title", equalTo("Business case approved"))
                .body("find { it.signoffToRequest }.dueDate", equalTo("2027-03-21"));

        seller.api().body(Map.of("name", "Mine now")).patch("/api/templates/complex-b2b-evaluation").then()
                .statusCode(403);
        seller.api().delete("/api/templates/complex-b2b-evaluation").then().statusCode(403);
    }

    @Test
    void badInputIsRefusedWithItsFieldAndChangesNothing() {
        DealRoomFixture source = new DealRoomFixture();
        refused(source, Map.of("description", "no name"), "name");
        refused(source, Map.of("name", "x".repeat(201)), "name");
        refused(source, Map.of("name", "nul\u0000byte"), "name");
        refused(source, Map.of("name", "\u200b"), "name");
        refused(source, Map.of("name", "ok", "description", "d".repeat(2001)), "description");
        source.owner.api().get("/api/templates").then().body("findAll { it.mine }.size()", equalTo(0));
        source.owner.api().body("{\"name\": \"x\", \"shared\": \"maybe\"}")
                .post("/api/rooms/{r}/templates", source.roomId).then().statusCode(400);
        source.owner.api().body(Map.of("name", "ok")).post("/api/rooms/{r}/templates", "not-a-room").then()
                .statusCode(404);

        for (String templateId : List.of("nope", "00000000-0000-7000-8000-000000000000", "x".repeat(101),
                "two\nlines")) {
            source.owner.api().body(newRoom(templateId)).post("/api/rooms").then().statusCode(400)
                    .body("errors[0].field", equalTo("templateId"));
        }
        source.owner.api().get("/api/rooms").then().body("size()", equalTo(1));

        String id = source.owner.api().body(Map.of("name", "Mine")).post("/api/rooms/{r}/templates", source.roomId)
                .then().statusCode(201).extract().path("id");
        source.owner.api().body(Map.of()).patch("/api/templates/{t}", id).then().statusCode(400)
                .body("code", equalTo("validation-failed"));
        source.owner.api().body(Map.of("name", " ")).patch("/api/templates/{t}", id).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        source.owner.api().get("/api/templates/{t}", "bad%00id").then().statusCode(404);
    }

    @Test
    void anAuthorKeepsAtMostAHundredTemplatesEvenWhenSavesArriveTogether() throws SQLException {
        DealRoomFixture source = new DealRoomFixture();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into room_template (id, author_email,"
                        + " author_name, name, content, created_at, updated_at) select gen_random_uuid(), ?, 'x',"
                        + " 'filler', '{\"groups\": []}', now(), now() from generate_series(1, 98)")) {
            insert.setString(1, source.owner.email());
            assertEquals(98, insert.executeUpdate());
        }
        // four saves queue on the author's turn: two fit under the limit, the others are refused
        List<Burst.Answer> answers;
        try (LockHolder holder = LockHolder.take(dataSource, LockHolder.Lock.of(
                "select pg_advisory_xact_lock(21021, hashtext(?))", source.owner.email()))) {
            answers = Burst.fire(Burst.Call.post(source.owner, "/api/rooms/" + source.roomId + "/templates",
                    Map.of("name", "At the limit")).times(4), () -> holder.releaseWhenQueued(4));
        }
        assertEquals(List.of("201", "201", "409 template-limit", "409 template-limit"),
                answers.stream().map(Burst.Answer::outcome).sorted().toList());
        source.owner.api().get("/api/templates").then().body("findAll { it.mine }.size()", equalTo(100));
        source.owner.api().body(Map.of("name", "One too many")).post("/api/rooms/{r}/templates", source.roomId)
                .then().statusCode(409).body("code", equalTo("template-limit"));
    }

    private static void refused(DealRoomFixture room, Map<String, Object> body, String field) {
        room.owner.api().body(body).post("/api/rooms/{r}/templates", room.roomId).then().statusCode(400)
                .body("code", equalTo("validation-failed")).body("errors[0].field", equalTo(field));
    }

    private static Map<String, Object> newRoom(String templateId) {
        Map<String, Object> room = new HashMap<>(Map.of("name", "From a template", "prospectAccount", "Contoso",
                "targetDecisionDate", "2027-03-31"));
        room.put("templateId", templateId);
        return room;
    }

    private LocalDate openedOn(Person person, String roomId) {
        String createdAt = person.api().get("/api/rooms/{r}", roomId).then().statusCode(200)
                .extract().path("room.createdAt");
        return LocalDate.ofInstant(Instant.parse(createdAt), config.timeZone());
    }

    private static String task(Person person, String roomId, String group, Map<String, Object> body) {
        return person.api().body(body).post("/api/rooms/{r}/groups/{g}/tasks", roomId, group)
                .then().statusCode(201).extract().path("id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> group(JsonPath template, String key) {
        return (Map<String, Object>) template.getList("content.groups", Map.class).stream()
                .filter(group -> key.equals(group.get("key"))).findFirst().orElseThrow();
    }

    private static List<Object> item(String ref, String title, boolean milestone, String kind, Integer days,
            String after) {
        return java.util.Arrays.asList(ref, title, milestone, kind, days, after);
    }

    private static List<Object> itemOf(Object raw) {
        Map<?, ?> map = (Map<?, ?>) raw;
        return item((String) map.get("ref"), (String) map.get("title"), (Boolean) map.get("milestone"),
                (String) map.get("dueKind"), (Integer) map.get("dueDays"), (String) map.get("after"));
    }

}

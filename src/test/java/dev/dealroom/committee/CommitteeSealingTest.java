package dev.dealroom.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.notification.DigestService;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The buying committee is sealed to the steering group: no role, attitude or coverage figure reaches anyone else, by
 * any path — every GET of the API (read from the OpenAPI document, so a new one is checked too), the event log, the
 * live socket and the emails. Each check is paired with one that the steering group does get it, so that a check
 * looking at the wrong place cannot pass.
 */
@QuarkusTest
class CommitteeSealingTest {

    /** What of the committee could show: roles, attitudes, the gaps' codes and sentences, in both languages. */
    private static final List<String> SECRETS = List.of("committee", "economic_buyer", "economic buyer",
            "technical_evaluator", "technical evaluator", "champion", "sceptic", "procurement", "supporter",
            "opponent", "\"legal\"", "\"user\"", "\"neutral\"", "legal reviewer", "identified", "has been silent",
            "décideur budgétaire", "évaluateur technique", "silencieux", "identifié", "juriste");

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)\\}");

    /** A room whose committee is mapped, with gaps, and content of every kind in proof. */
    private record Scene(DealRoomFixture room, Person seller, Map<String, String> ids) {
    }

    private static Scene scene() {
        DealRoomFixture room = new DealRoomFixture();
        Person seller = Person.random("presales");
        room.addMember(room.owner, seller, "SELLER", false, "proof");
        put(room, room.groupMemberId, List.of("CHAMPION", "USER"), "SUPPORTER");
        put(room, room.outsiderId, List.of("LEGAL", "PROCUREMENT", "SCEPTIC"), "NEUTRAL");
        put(room, room.decisionMakerId, List.of("ECONOMIC_BUYER", "TECHNICAL_EVALUATOR"), "OPPONENT");
        // The champion is not in the business case: a gap, so a health reason for the steering group.
        String post = room.groupMember.api().body(Map.of("body", "Pilot notes")).post(
                "/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201).extract().path("id");
        String task = room.groupMember.api().body(Map.of("title", "Run the pilot", "ownerId", room.groupMemberId,
                "dueDate", "2020-01-15")).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then()
                .statusCode(201).extract().path("id");
        String signoff = room.owner.api().body(Map.of("title", "Proof accepted", "approverIds",
                List.of(room.groupMemberId))).post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then()
                .statusCode(201).extract().path("id");
        String document = room.groupMember.api().contentType("multipart/form-data")
                .multiPart("file", "notes.txt", "pilot notes".getBytes(), "text/plain")
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(201).extract()
                .path("id");
        String invitation = room.owner.api().get("/api/rooms/{r}/invitations", room.roomId).then().statusCode(200)
                .extract().path("[0].id");
        String webhook = room.owner.api().body(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("*")))
                .post("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(201).extract().path("id");
        String feed = room.groupMember.api().put("/api/me/calendar").then().statusCode(200).extract().path("url");
        return new Scene(room, seller, Map.ofEntries(Map.entry("roomId", room.roomId), Map.entry("groupId", "proof"),
                Map.entry("memberId", room.groupMemberId), Map.entry("postId", post), Map.entry("taskId", task),
                Map.entry("signoffId", signoff), Map.entry("documentId", document),
                Map.entry("invitationId", invitation), Map.entry("side", "buyer"),
                Map.entry("templateId", "complex-b2b-evaluation"), Map.entry("webhookId", webhook),
                Map.entry("secret", feed.substring(feed.lastIndexOf('/') + 1, feed.length() - ".ics".length()))));
    }

    private static void put(DealRoomFixture room, String memberId, List<String> roles, String attitude) {
        room.owner.api().body(Map.of("roles", roles, "attitude", attitude))
                .put("/api/rooms/{r}/committee/{m}", room.roomId, memberId).then().statusCode(200);
    }

    private static void assertSealed(String where, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String secret : SECRETS) {
            assertFalse(lower.contains(secret), where + " shows '" + secret + "': " + text);
        }
    }

    private static void assertShows(String where, String text) {
        assertTrue(text.contains("CHAMPION") && text.contains("SUPPORTER"), where + " shows the committee: " + text);
    }

    /** Every GET of the API, its parameters filled from the scene. */
    private static List<String> everyGet(Map<String, String> ids) {
        Map<String, Map<String, Object>> paths = RestAssured.get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        List<String> gets = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> path : new java.util.TreeMap<>(paths).entrySet()) {
            if (!path.getValue().containsKey("get")) {
                continue;
            }
            Matcher parameter = PARAMETER.matcher(path.getKey());
            StringBuilder filled = new StringBuilder();
            while (parameter.find()) {
                String value = ids.get(parameter.group(1));
                if (value == null) {
                    fail(path.getKey() + ": give the scene a " + parameter.group(1));
                }
                parameter.appendReplacement(filled, value);
            }
            parameter.appendTail(filled);
            gets.add(filled.toString());
        }
        return gets;
    }

    @Test
    void noGetOfTheApiShowsTheCommitteeToAnyoneOutsideSteering() {
        Scene scene = scene();
        List<String> gets = everyGet(scene.ids());
        assertTrue(gets.size() > 20, gets.toString());
        assertTrue(gets.contains("/api/rooms/" + scene.room().roomId + "/committee"), gets.toString());
        List<String> sorts = List.of("decisionDate", "name", "amount", "stage", "health", "lastBuyerActivity");
        for (Person person : List.of(scene.room().groupMember, scene.room().outsider, scene.seller())) {
            for (String path : gets) {
                List<String> queries = path.equals("/api/pipeline")
                        ? sorts.stream().map(sort -> "?sort=" + sort).toList()
                        : path.endsWith("/events") ? List.of("?since=0") : List.of("");
                for (String query : queries) {
                    for (String language : List.of("en", "fr")) {
                        Response response = person.api().header("Accept-Language", language).get(path + query);
                        String body = response.asString();
                        if (path.endsWith("/committee")) {
                            assertEquals(403, response.statusCode(), person.name() + " " + path);
                            // The refusal names the committee, and nothing in it.
                            assertSealed(path, body.replaceAll("(?i)(buying )?committee|comité d’achat", ""));
                        } else {
                            assertTrue(response.statusCode() < 500, path + query + ": " + body);
                            assertSealed(person.name() + " GET " + path + query, body);
                        }
                    }
                }
            }
        }
        // The steering group does get it, on the same paths.
        for (Person steering : List.of(scene.room().owner, scene.room().decisionMaker)) {
            assertShows("committee", steering.api().get("/api/rooms/{r}/committee", scene.room().roomId).asString());
            assertShows("events", steering.api().get("/api/rooms/{r}/events?since=0", scene.room().roomId)
                    .asString());
            String progress = steering.api().get("/api/rooms/{r}/progress", scene.room().roomId).asString();
            assertTrue(progress.contains("committee-champion-outside-business-case"), progress);
        }
    }

    @Test
    void theLiveSocketCarriesNoCommitteeEventToAnyoneOutsideSteering() {
        DealRoomFixture room = new DealRoomFixture();
        long since = room.seq();
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, since);
                LiveClient outsider = LiveClient.connect(room.outsider, room.roomId, since);
                LiveClient decisionMaker = LiveClient.connect(room.decisionMaker, room.roomId, since)) {
            for (LiveClient client : List.of(buyer, outsider, decisionMaker)) {
                client.replay();
            }
            put(room, room.groupMemberId, List.of("CHAMPION"), "SUPPORTER");
            put(room, room.outsiderId, List.of("LEGAL"), "OPPONENT");
            // A marker after the changes: what a member receives before it is every event they got of the changes.
            String marker = "marker-" + java.util.UUID.randomUUID();
            room.owner.api().body(Map.of("body", marker)).post("/api/rooms/{r}/groups/everyone/posts", room.roomId)
                    .then().statusCode(201);

            Map<String, Object> change = decisionMaker.nextOfType("committee.changed");
            assertShows("the decision-maker's socket", change.toString());
            for (LiveClient client : List.of(buyer, outsider)) {
                List<Map<String, Object>> received = client.until(message -> "post.created".equals(message.get("type"))
                        && message.toString().contains(marker));
                assertSealed("live", received.toString());
                assertEquals(new TreeSet<>(List.of("post.created")), new TreeSet<>(received.stream()
                        .map(message -> (String) message.get("type")).toList()));
            }
        }
        // Replayed from the start, the same.
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, 0)) {
            assertSealed("replay", buyer.replay().toString());
        }
        try (LiveClient decisionMaker = LiveClient.connect(room.decisionMaker, room.roomId, 0)) {
            assertShows("the decision-maker's replay", decisionMaker.replay().toString());
        }
    }

    @Inject
    DigestService digests;

    @Test
    void noEmailToAnyoneTellsOfTheCommittee() {
        Instant start = Instant.now().minusSeconds(1);
        Scene scene = scene();
        DealRoomFixture room = scene.room();
        // Mails of every kind the room sends a buyer: invitation (at the scene's start), mention, nudge, sign-off.
        room.owner.api().body(Map.of("body", "Over to you", "mentions", List.of(room.groupMemberId)))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId).then().statusCode(201);
        put(room, room.groupMemberId, List.of("CHAMPION", "TECHNICAL_EVALUATOR"), "OPPONENT");
        // And the daily digest of what each has not seen, the committee's changes among the steering group's.
        assertTrue(digests.send(LocalDate.now(), start) >= 1);
        List<Mail> mails = new ArrayList<>();
        for (Person person : List.of(room.groupMember, room.outsider, scene.seller(), room.decisionMaker)) {
            mails.addAll(SentMails.to(person.email()));
        }
        assertTrue(mails.size() >= 7, "invitations, a mention, a nudge, a sign-off request, digests: " + mails.size());
        assertTrue(mails.stream().anyMatch(mail -> mail.getTo().contains(room.groupMember.email())
                && !mail.getText().contains("Steering") && mail.getSubject().contains("not seen")),
                "the buyer's digest is among them");
        for (Mail mail : mails) {
            assertSealed("mail to " + mail.getTo(), mail.getSubject() + "\n" + mail.getText() + "\n"
                    + mail.getHtml());
        }
    }
}

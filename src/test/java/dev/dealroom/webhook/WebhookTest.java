package dev.dealroom.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.Outbox;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Webhooks end to end: a subscription made through the API, a change in the room, the outbox sending it to a real
 * HTTP receiver on a loopback port, and what that receiver got.
 */
@QuarkusTest
class WebhookTest {

    @Inject
    Outbox outbox;

    @Inject
    EventLog events;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** A created subscription: its id and its secret, as the answer to its creation gave them. */
    record Created(String id, String secret) {
    }

    @Test
    void aDeliveryCarriesTheEventAsTheApiGivesItSignedAsStandardWebhooksSays() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Response created = room.owner.api()
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of("post.created"), "description", "CRM"))
                    .post("/api/rooms/{r}/webhooks", room.roomId);
            created.then().statusCode(201)
                    .body("enabled", equalTo(true))
                    .body("eventTypes", equalTo(List.of("post.created")))
                    .body("createdBy.name", equalTo(room.owner.name()));
            String secret = created.path("secret");
            assertTrue(secret.startsWith("whsec_"), secret);
            assertTrue(Base64.getDecoder().decode(secret.substring(6)).length >= 24, "at least 24 random bytes");
            // the secret is shown once
            room.owner.api().get("/api/rooms/{r}/webhooks/{w}", room.roomId, created.<String>path("id")).then()
                    .statusCode(200).body("$", not(hasKey("secret")));

            room.owner.api().body(Map.of("body", "Kick-off on Monday")).post("/api/rooms/{r}/groups/everyone/posts",
                    room.roomId).then().statusCode(201);
            outbox.sendDue();

            List<WebhookReceiver.Received> received = receiver.received();
            assertEquals(1, received.size(), "one delivery for one matching event");
            WebhookReceiver.Received delivery = received.get(0);
            assertTrue(delivery.id().startsWith("msg_"), delivery.id());
            assertTrue(delivery.contentType().startsWith("application/json"), delivery.contentType());
            long timestamp = Long.parseLong(delivery.timestamp());
            assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 300, "a timestamp of now, in seconds");
            assertEquals("v1," + independentSignature(secret, delivery.id(), delivery.timestamp(), delivery.body()),
                    delivery.signature());

            JsonNode event = json.readTree(delivery.body());
            JsonNode replayed = json.readTree(room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId,
                    event.path("seq").asLong() - 1).then().statusCode(200).extract().body().asString())
                    .path("events").get(0);
            assertEquals(replayed, event, "the envelope as the events API gives it");
            assertEquals("post.created", event.path("type").asText());
            assertEquals("Kick-off on Monday", event.path("data").path("body").asText());
        }
    }

    @Test
    void aReceiverThatFailsGetsTheDeliveryAgainAfterItsWaitWithTheSameId() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Created hook = subscribe(room.owner, room.roomId, receiver, List.of("*"));
            receiver.answer(500);
            room.owner.api().body(Map.of("body", "First")).post("/api/rooms/{r}/groups/everyone/posts", room.roomId)
                    .then().statusCode(201);
            outbox.sendDue();

            assertEquals(1, receiver.received().size());
            Map<String, Object> failed = onlyDelivery(room, hook);
            assertEquals(1, failed.get("attempts"));
            assertEquals(500, failed.get("lastStatus"));
            assertNotNull(failed.get("lastError"));
            assertNull(failed.get("deliveredAt"));
            long wait = Instant.parse((String) failed.get("nextAttemptAt")).getEpochSecond()
                    - Instant.now().getEpochSecond();
            assertTrue(wait > 15 && wait <= 31, "the first wait is 30 s, not " + wait);

            outbox.sendDue();
            assertEquals(1, receiver.received().size(), "not again before its wait is over");

            receiver.answer(200);
            makeDue((String) failed.get("id"));
            outbox.sendDue();

            List<WebhookReceiver.Received> received = receiver.received();
            assertEquals(2, received.size());
            assertEquals(received.get(0).id(), received.get(1).id(), "the same webhook-id on every attempt");
            assertEquals(received.get(0).body(), received.get(1).body());
            Map<String, Object> delivered = onlyDelivery(room, hook);
            assertEquals(2, delivered.get("attempts"));
            assertEquals(200, delivered.get("lastStatus"));
            assertNotNull(delivered.get("deliveredAt"));
            assertNull(delivered.get("nextAttemptAt"));
            assertNull(delivered.get("lastError"));
        }
    }

    @Test
    void aRedeliverySendsTheSameIdAgainAndNothingElse() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Created hook = subscribe(room.owner, room.roomId, receiver, List.of("post.created"));
            room.owner.api().body(Map.of("body", "Once")).post("/api/rooms/{r}/groups/everyone/posts", room.roomId)
                    .then().statusCode(201);
            outbox.sendDue();
            String id = (String) onlyDelivery(room, hook).get("id");

            room.decisionMaker.api().post("/api/rooms/{r}/webhooks/{w}/deliveries/{d}/redeliver", room.roomId,
                    hook.id(), id).then().statusCode(200).body("id", equalTo(id)).body("deliveredAt", nullValue());
            outbox.sendDue();
            outbox.sendDue();

            List<WebhookReceiver.Received> received = receiver.received();
            assertEquals(2, received.size(), "sent once, then once again");
            assertEquals(id, received.get(0).id());
            assertEquals(id, received.get(1).id());
            assertEquals(received.get(0).body(), received.get(1).body());
            assertNotNull(onlyDelivery(room, hook).get("deliveredAt"));

            room.owner.api().post("/api/rooms/{r}/webhooks/{w}/deliveries/{d}/redeliver", room.roomId, hook.id(),
                    "msg_unknown").then().statusCode(404);
            room.owner.api().body(Map.of("enabled", false)).patch("/api/rooms/{r}/webhooks/{w}", room.roomId,
                    hook.id()).then().statusCode(200).body("enabled", equalTo(false))
                    .body("disabledReason", nullValue());
            room.owner.api().post("/api/rooms/{r}/webhooks/{w}/deliveries/{d}/redeliver", room.roomId, hook.id(), id)
                    .then().statusCode(409).body("code", equalTo("webhook-disabled"));
            outbox.sendDue();
            assertEquals(2, receiver.received().size());
        }
    }

    @Test
    void aSubscriptionGetsOnlyWhatItsCreatorSeesAndStopsOnceTheyLeave() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        Person outsideProof = Person.random("cfo");
        String cfoId = room.addMember(room.owner, outsideProof, "BUYER", true);
        assertFalse(room.groupKeysSeenBy(outsideProof).contains("proof"));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Created hook = subscribe(outsideProof, room.roomId, receiver, List.of("*"));
            for (int i = 0; i < 2; i++) { // the second post of each may take the one-statement path
                room.owner.api().body(Map.of("body", "Pilot data " + i)).post("/api/rooms/{r}/groups/proof/posts",
                        room.roomId).then().statusCode(201);
                room.owner.api().body(Map.of("body", "Hello all " + i)).post("/api/rooms/{r}/groups/everyone/posts",
                        room.roomId).then().statusCode(201);
            }
            outbox.sendDue();

            List<String> bodies = receiver.received().stream().map(WebhookReceiver.Received::body).toList();
            assertEquals(2, bodies.size(), bodies.toString());
            for (String body : bodies) {
                JsonNode event = json.readTree(body);
                assertNotEquals(room.proofId, event.path("groupId").asText(), body);
                assertFalse(body.contains("Pilot data"), body);
            }
            room.outsider.api().get("/api/rooms/{r}/webhooks/{w}/deliveries", room.roomId, hook.id()).then()
                    .statusCode(403);

            // the creator leaves: the subscription is disabled at the room's next event, and sends nothing more
            room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, cfoId).then().statusCode(204);
            room.owner.api().body(Map.of("body", "After")).post("/api/rooms/{r}/groups/everyone/posts", room.roomId)
                    .then().statusCode(201);
            outbox.sendDue();
            assertEquals(2, receiver.received().size());
            room.owner.api().get("/api/rooms/{r}/webhooks/{w}", room.roomId, hook.id()).then().statusCode(200)
                    .body("enabled", equalTo(false))
                    .body("disabledReason", equalTo("creator-left"))
                    .body("createdBy.memberId", nullValue());
            room.owner.api().body(Map.of("enabled", true)).patch("/api/rooms/{r}/webhooks/{w}", room.roomId, hook.id())
                    .then().statusCode(409).body("code", equalTo("webhook-creator-gone"));
        }
    }

    @Test
    void aSubscriptionStopsOnceItsCreatorMayNoLongerManageWebhooks() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Created hook = subscribe(room.decisionMaker, room.roomId, receiver, List.of("*"));
            // no endpoint takes a decision-maker's standing away yet: the row changes as one would
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update member set decision_maker = false where id = ?1")
                    .setParameter(1, UUID.fromString(room.decisionMakerId)).executeUpdate());
            room.owner.api().body(Map.of("body", "Hello")).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                    .then().statusCode(201);
            outbox.sendDue();

            assertEquals(List.of(), receiver.received());
            room.owner.api().get("/api/rooms/{r}/webhooks/{w}", room.roomId, hook.id()).then().statusCode(200)
                    .body("enabled", equalTo(false)).body("disabledReason", equalTo("creator-not-manager"));
        }
    }

    /**
     * A subscription sends what its creator sees: another manager may pause it or describe it, never point it at
     * another address or other events, or a decision-maker outside proof would receive proof through the owner's.
     */
    @Test
    void onlyItsCreatorChangesWhereASubscriptionSendsAndWhat() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Created hook = subscribe(room.owner, room.roomId, receiver, List.of("*"));
            room.decisionMaker.api().body(Map.of("url", "http://127.0.0.1:9/elsewhere"))
                    .patch("/api/rooms/{r}/webhooks/{w}", room.roomId, hook.id()).then().statusCode(403)
                    .body("code", equalTo("forbidden"));
            room.decisionMaker.api().body(Map.of("eventTypes", List.of("post.created")))
                    .patch("/api/rooms/{r}/webhooks/{w}", room.roomId, hook.id()).then().statusCode(403);
            room.decisionMaker.api().body(Map.of("description", "CRM sync", "enabled", false))
                    .patch("/api/rooms/{r}/webhooks/{w}", room.roomId, hook.id()).then().statusCode(200);
            room.owner.api().body(Map.of("url", "http://127.0.0.1:9/elsewhere"))
                    .patch("/api/rooms/{r}/webhooks/{w}", room.roomId, hook.id()).then().statusCode(200)
                    .body("url", equalTo("http://127.0.0.1:9/elsewhere"));
        }
    }

    @Test
    void theDeliveryIsQueuedInTheTransactionOfTheEventAndRollsBackWithIt() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Created hook = subscribe(room.owner, room.roomId, receiver, List.of("room.updated"));
            UUID roomId = UUID.fromString(room.roomId);
            Actor actor = new Actor(null, "Test");

            QuarkusTransaction.begin();
            long seq = events.append(roomId, EventType.ROOM_UPDATED, null, actor, Map.of("stage", "PROPOSAL"));
            assertEquals(1, deliveriesOf(hook, seq), "queued with the event, in its transaction");
            QuarkusTransaction.rollback();
            assertEquals(0, QuarkusTransaction.requiringNew().call(() -> deliveriesOf(hook, seq)));

            QuarkusTransaction.begin();
            long committed = events.append(roomId, EventType.ROOM_UPDATED, null, actor, Map.of("stage", "PROPOSAL"));
            QuarkusTransaction.commit();
            assertEquals(seq, committed, "the rolled-back seq is reused");
            outbox.sendDue();
            assertEquals(1, receiver.received().size(), "the committed one only");
            assertEquals(committed, json.readTree(receiver.received().get(0).body()).path("seq").asLong());
        }
    }

    @Test
    void badSubscriptionsAreRefusedWithProblemDetails() {
        DealRoomFixture room = new DealRoomFixture();
        String url = "https://crm.example.com/hooks";
        refused(room, Map.of("url", "ftp://crm.example.com/hooks", "eventTypes", List.of("*")), "url");
        refused(room, Map.of("url", "not a url", "eventTypes", List.of("*")), "url");
        refused(room, Map.of("url", "https://user:pw@crm.example.com/", "eventTypes", List.of("*")), "url");
        refused(room, Map.of("url", url, "eventTypes", List.of("task.exploded")), "eventTypes");
        refused(room, Map.of("url", url, "eventTypes", List.of()), "eventTypes");
        refused(room, Map.of("url", url), "eventTypes");
        refused(room, Map.of("url", url + "/" + "x".repeat(2000), "eventTypes", List.of("*")), "url");
        refused(room, Map.of("url", url, "eventTypes", Collections.nCopies(51, "post.created")), "eventTypes");
        refused(room, Map.of("url", url, "eventTypes", List.of("*"), "description", "d".repeat(201)),
                "description");
        room.owner.api().body(Map.of("url", url, "eventTypes", List.of("*"), "secret", "whsec_mine"))
                .post("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(400);
        assertEquals(0, room.owner.api().get("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(200)
                .extract().<List<?>>path("$").size(), "nothing was created");

        for (int i = 0; i < 10; i++) {
            room.owner.api().body(Map.of("url", url + "/" + i, "eventTypes", List.of("*"), "enabled", false))
                    .post("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(201);
        }
        room.decisionMaker.api().body(Map.of("url", url, "eventTypes", List.of("*")))
                .post("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("webhook-limit"));

        String first = room.owner.api().get("/api/rooms/{r}/webhooks", room.roomId).then().extract().path("[0].id");
        room.owner.api().body(Map.of("eventTypes", List.of("nope"))).patch("/api/rooms/{r}/webhooks/{w}",
                room.roomId, first).then().statusCode(400).body("errors.field", hasItem("eventTypes"));
        room.owner.api().body(Map.of("url", "gopher://x")).patch("/api/rooms/{r}/webhooks/{w}", room.roomId, first)
                .then().statusCode(400).body("errors.field", hasItem("url"));
        room.owner.api().get("/api/rooms/{r}/webhooks/{w}", room.roomId, UUID.randomUUID()).then().statusCode(404);
        room.owner.api().get("/api/rooms/{r}/webhooks/{w}", room.roomId, "not-an-id").then().statusCode(404);
    }

    @Test
    void aRetriedCreateAnswersTheOriginalAndCreatesNothing() {
        DealRoomFixture room = new DealRoomFixture();
        Map<String, Object> body = Map.of("url", "https://crm.example.com/hooks", "eventTypes", List.of("*"),
                "enabled", false, "clientId", "crm-1");
        Response first = room.owner.api().body(body).post("/api/rooms/{r}/webhooks", room.roomId);
        first.then().statusCode(201);
        Response retry = room.owner.api().body(body).post("/api/rooms/{r}/webhooks", room.roomId);
        retry.then().statusCode(201);
        assertEquals(first.<String>path("id"), retry.path("id"));
        assertEquals(first.<String>path("secret"), retry.path("secret"), "the answer the client may have missed");
        assertEquals(1, room.owner.api().get("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(200)
                .extract().<List<?>>path("$").size());
    }

    @Test
    void aSubscriptionOfOneRoomIsNotFoundThroughAnother() {
        DealRoomFixture room = new DealRoomFixture();
        DealRoomFixture other = new DealRoomFixture();
        String id = room.owner.api().body(Map.of("url", "https://crm.example.com/hooks", "eventTypes", List.of("*"),
                "enabled", false)).post("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(201).extract()
                .path("id");
        other.owner.api().get("/api/rooms/{r}/webhooks/{w}", other.roomId, id).then().statusCode(404);
        other.owner.api().delete("/api/rooms/{r}/webhooks/{w}", other.roomId, id).then().statusCode(404);
    }

    private static void refused(DealRoomFixture room, Map<String, Object> body, String field) {
        room.owner.api().body(body).post("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem(field));
    }

    private static Created subscribe(Person by, String roomId, WebhookReceiver receiver, List<String> types) {
        Response created = by.api().body(Map.of("url", receiver.url(), "eventTypes", types))
                .post("/api/rooms/{r}/webhooks", roomId);
        created.then().statusCode(201);
        return new Created(created.path("id"), created.path("secret"));
    }

    private static Map<String, Object> onlyDelivery(DealRoomFixture room, Created hook) {
        List<Map<String, Object>> log = room.owner.api().get("/api/rooms/{r}/webhooks/{w}/deliveries", room.roomId,
                hook.id()).then().statusCode(200).extract().path("$");
        assertEquals(1, log.size(), log.toString());
        return log.get(0);
    }

    private void makeDue(String messageId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update outbox set next_attempt_at = now() where message_id = ?1")
                .setParameter(1, messageId).executeUpdate());
    }

    private int deliveriesOf(Created hook, long seq) {
        return ((Number) em.createNativeQuery("select count(*) from outbox where webhook_id = ?1 and event_seq = ?2")
                .setParameter(1, UUID.fromString(hook.id())).setParameter(2, seq).getSingleResult()).intValue();
    }

    /** The signature computed here, apart from the server's code, as a receiver would. */
    private static String independentSignature(String secret, String id, String timestamp, String body)
            throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.split("_", 2)[1]), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(
                hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}

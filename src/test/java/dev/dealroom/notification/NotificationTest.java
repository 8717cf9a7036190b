package dev.dealroom.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.event.Actor;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Who gets which email, against Quarkus's mock mailbox (each read once the outbox has sent what is due). */
@QuarkusTest
class NotificationTest {

    @Inject
    DigestService digests;

    @Inject
    EventLog events;

    @Inject
    Notifier notifier;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Test
    void theMembersAPostMentionsAreEmailedButNotItsAuthorNorWhoeverTurnedMentionsOff() {
        DealRoomFixture room = new DealRoomFixture();
        String ownerId = room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");

        post(room.groupMember, room, "Can you both check the pilot numbers?", List.of(room.decisionMakerId, ownerId,
                room.groupMemberId));
        List<Mail> toDecisionMaker = mails(room.decisionMaker, "mentioned you");
        assertEquals(1, toDecisionMaker.size());
        assertTrue(toDecisionMaker.get(0).getSubject().startsWith(room.groupMember.name() + " mentioned you in Proof"));
        assertTrue(toDecisionMaker.get(0).getText().contains("Can you both check the pilot numbers?"));
        assertTrue(toDecisionMaker.get(0).getText().contains("http://localhost:8081/#/rooms/" + room.roomId));
        assertEquals(1, mails(room.owner, "mentioned you").size());
        assertEquals(0, mails(room.groupMember, "mentioned you").size());

        room.decisionMaker.api().body(Map.of("mentions", false, "nudges", true, "signoffRequests", true, "digest", true))
                .put("/api/rooms/{r}/notifications", room.roomId).then().statusCode(200).body("mentions", equalTo(false));
        room.decisionMaker.api().get("/api/rooms/{r}/notifications", room.roomId).then().statusCode(200)
                .body("mentions", equalTo(false)).body("digest", equalTo(true));
        post(room.groupMember, room, "Once more", List.of(room.decisionMakerId, ownerId));
        assertEquals(1, mails(room.decisionMaker, "mentioned you").size());
        assertEquals(2, mails(room.owner, "mentioned you").size());
    }

    @Test
    void aNudgedMemberIsEmailed() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId).then().statusCode(201);
        List<Mail> nudges = mails(room.groupMember, "asks you to look at your overdue tasks");
        assertEquals(1, nudges.size());
        assertTrue(nudges.get(0).getSubject().startsWith(room.owner.name()));
    }

    @Test
    void theApproversASignOffAsksAreEmailedUnlessTheyTurnedThatOff() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of("mentions", true, "nudges", true, "signoffRequests", false, "digest", true))
                .put("/api/rooms/{r}/notifications", room.roomId).then().statusCode(200);
        room.owner.api().body(Map.of("title", "Pilot success criteria", "approverIds",
                List.of(room.decisionMakerId, room.groupMemberId)))
                .post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then().statusCode(201);

        List<Mail> asked = mails(room.decisionMaker, "asks for your sign-off");
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).getSubject().endsWith("Pilot success criteria"));
        assertEquals(0, mails(room.groupMember, "asks for your sign-off").size());
        assertEquals(0, mails(room.owner, "asks for your sign-off").size());
    }

    @Test
    void theDigestListsWhatEachMemberHasNotSeenOnceADayAndOnlyToThoseWhoWantIt() {
        Instant start = Instant.now().minusSeconds(1);
        DealRoomFixture room = new DealRoomFixture();
        room.outsider.api().body(Map.of("mentions", true, "nudges", true, "signoffRequests", true, "digest", false))
                .put("/api/rooms/{r}/notifications", room.roomId).then().statusCode(200);
        post(room.owner, room, "Pilot starts Monday", List.of());
        post(room.owner, room, "Agenda attached", List.of());
        // the group member has seen everything
        long seq = room.seq();
        room.groupMember.api().body(Map.of("seq", seq)).put("/api/rooms/{r}/groups/proof/read", room.roomId).then()
                .statusCode(200);
        room.groupMember.api().body(Map.of("seq", seq)).put("/api/rooms/{r}/groups/everyone/read", room.roomId).then()
                .statusCode(200);
        LocalDate today = LocalDate.now();

        assertTrue(digests.send(today, start) >= 1);
        List<Mail> digest = mails(room.decisionMaker, "What you have not seen");
        assertEquals(1, digest.size());
        assertTrue(digest.get(0).getText().contains("Proof of concept: 2 updates"), digest.get(0).getText());
        assertEquals(0, mails(room.groupMember, "What you have not seen").size());
        assertEquals(0, mails(room.outsider, "What you have not seen").size());
        assertEquals(0, mails(room.owner, "What you have not seen").size());

        digests.send(today, start);
        assertEquals(1, mails(room.decisionMaker, "What you have not seen").size());
    }

    @Test
    void aClosedRoomSendsNoDigest() {
        Instant start = Instant.now().minusSeconds(1);
        DealRoomFixture room = new DealRoomFixture();
        post(room.owner, room, "Last words before the decision", List.of());
        room.owner.api().body(Map.of("status", "LOST", "closeReason", "Budget frozen"))
                .patch("/api/rooms/{r}", room.roomId).then().statusCode(200);

        digests.send(LocalDate.now(), start);
        assertEquals(0, mails(room.decisionMaker, "What you have not seen").size());
        assertEquals(0, mails(room.groupMember, "What you have not seen").size());
    }

    @Test
    void theDigestCallsImportantOnlyTheKeyUpdatesAMemberWasInTheGroupFor() {
        Instant start = Instant.now().minusSeconds(1);
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("body", "Pricing is final", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        Person newcomer = Person.random("newcomer");
        room.addMember(room.owner, newcomer, "BUYER", false, "proof");
        post(room.owner, room, "Agenda attached", List.of());

        digests.send(LocalDate.now(), start);
        String theirs = mails(newcomer, "What you have not seen").get(0).getText();
        assertTrue(theirs.contains("Proof of concept: 2 updates\n"), theirs);
        String others = mails(room.groupMember, "What you have not seen").get(0).getText();
        assertTrue(others.contains("Proof of concept: 2 updates, 1 of them important"), others);
    }

    @Test
    void aMentionOfSomeoneWhoNeverChoseALanguageIsInTheAuthorsChoiceElseInTheirRequestsLanguage() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of("language", "fr")).put("/api/me/language").then().statusCode(200);
        room.groupMember.api().header("Accept-Language", "en")
                .body(Map.of("body", "Les chiffres", "mentions", List.of(room.decisionMakerId)))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        assertEquals(1, mails(room.decisionMaker, "vous a mentionné").size());

        room.owner.api().header("Accept-Language", "fr-FR,fr;q=0.9")
                .body(Map.of("body", "Le devis", "mentions", List.of(room.decisionMakerId)))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        assertEquals(2, mails(room.decisionMaker, "vous a mentionné").size());
        room.owner.api().header("Accept-Language", "en")
                .body(Map.of("body", "The quote", "mentions", List.of(room.decisionMakerId)))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        assertEquals(1, mails(room.decisionMaker, "mentioned you").size());
    }

    @Test
    void aNudgesEmailIsQueuedInTheTransactionOfItsEventAndNeverSentIfThatRollsBack() {
        DealRoomFixture room = new DealRoomFixture();
        UUID roomId = UUID.fromString(room.roomId);
        Actor owner = new Actor(UUID.fromString(room.owner.api().get("/api/rooms/{r}", room.roomId).then()
                .extract().path("me.id")), room.owner.name());
        Map<String, Object> nudge = Map.of("memberId", room.groupMemberId, "topic", "OVERDUE_TASKS");
        SentMails.to(room.groupMember.email()); // their invitation is out of the outbox

        QuarkusTransaction.begin();
        events.append(roomId, EventType.NUDGE_SENT, null, owner, nudge);
        assertEquals(1, queuedTo(room.groupMember), "queued in the event's transaction");
        QuarkusTransaction.rollback();
        assertEquals(0, mails(room.groupMember, "asks you to look at your overdue tasks").size());

        QuarkusTransaction.begin();
        events.append(roomId, EventType.NUDGE_SENT, null, owner, nudge);
        QuarkusTransaction.commit();
        assertEquals(1, mails(room.groupMember, "asks you to look at your overdue tasks").size());
    }

    /**
     * A write path may announce an event that emails nobody outside any transaction (most posts mention nobody). The
     * notifier's queries all require the change's transaction: here, with none, any query would fail the call.
     */
    @Test
    void anEventThatEmailsNobodyCostsNoQueryAndNeedsNoTransaction() throws Exception {
        assertFalse(QuarkusTransaction.isActive());
        UUID author = UUID.randomUUID();
        Actor actor = new Actor(author, "Author");
        String quiet = json.writeValueAsString(Map.of("id", UUID.randomUUID().toString(), "author", actor,
                "body", "Nobody is mentioned, not even in \"mentions\": [\"" + UUID.randomUUID() + "\"]",
                "mentions", List.of()));
        String selfMention = json.writeValueAsString(Map.of("body", "Note to self", "mentions",
                List.of(author.toString())));
        UUID roomId = UUID.randomUUID();
        UUID groupId = UUID.randomUUID();

        notifier.appended(new EventCommitted(roomId, 1, EventType.POST_CREATED, groupId, actor, Instant.now(), quiet));
        notifier.appended(new EventCommitted(roomId, 2, EventType.POST_CREATED, groupId, actor, Instant.now(), selfMention));
        notifier.appended(new EventCommitted(roomId, 3, EventType.TASK_UPDATED, groupId, actor, Instant.now(), "{}"));
        notifier.appended(new EventCommitted(roomId, 4, EventType.SIGNOFF_DECIDED, groupId, actor, Instant.now(), "{}"));
    }

    private long queuedTo(Person to) {
        return ((Number) em.createNativeQuery("select count(*) from outbox where to_address = ?1")
                .setParameter(1, to.email()).getSingleResult()).longValue();
    }

    private static void post(Person by, DealRoomFixture room, String body, List<String> mentions) {
        by.api().body(Map.of("body", body, "mentions", mentions))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
    }

    private List<Mail> mails(Person to, String subject) {
        return SentMails.to(to.email()).stream()
                .filter(mail -> mail.getSubject().contains(subject)).toList();
    }
}

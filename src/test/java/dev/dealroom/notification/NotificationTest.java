package dev.dealroom.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;

/** Who gets which email, against Quarkus's mock mailbox. */
@QuarkusTest
class NotificationTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    DigestService digests;

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

    private static void post(Person by, DealRoomFixture room, String body, List<String> mentions) {
        by.api().body(Map.of("body", body, "mentions", mentions))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
    }

    private List<Mail> mails(Person to, String subject) {
        return Objects.requireNonNullElse(mailbox.getMailsSentTo(to.email()), List.<Mail>of()).stream()
                .filter(mail -> mail.getSubject().contains(subject)).toList();
    }
}

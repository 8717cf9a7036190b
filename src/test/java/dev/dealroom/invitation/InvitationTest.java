package dev.dealroom.invitation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.Hashes;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class InvitationTest {

    private static final Pattern LINK = Pattern.compile("http://localhost:8081/#/join/([A-Za-z0-9_-]{43})");

    @Inject
    EntityManager em;

    @Test
    void anAddedMemberIsMailedALinkThatBringsThemIntoTheRoomOnce() {
        DealRoomFixture room = new DealRoomFixture();
        List<Mail> mails = SentMails.to(room.groupMember.email());
        assertEquals(1, mails.size());
        Mail mail = mails.get(0);
        assertTrue(mail.getSubject().contains("Fixture room"), mail.getSubject());
        assertTrue(mail.getText().contains(room.owner.name()), mail.getText());
        String token = tokenIn(mail);

        claim(room.groupMember, token).statusCode(200)
                .body("roomId", equalTo(room.roomId))
                .body("memberId", equalTo(room.groupMemberId));
        claim(room.groupMember, token).statusCode(409).body("code", equalTo("invitation-used"));

        room.owner.api().get("/api/rooms/{r}/invitations", room.roomId).then().statusCode(200)
                .body("find { it.memberId == '" + room.groupMemberId + "' }.status", equalTo("CLAIMED"))
                .body("find { it.memberId == '" + room.groupMemberId + "' }.memberJoined", equalTo(true));
        List<String> types = room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId).then()
                .statusCode(200).extract().path("events.type");
        assertTrue(types.containsAll(List.of("invitation.sent", "invitation.claimed")), types.toString());
    }

    @Test
    void aMemberWhoComesInWithoutTheLinkHasJoinedAllTheSame() {
        DealRoomFixture room = new DealRoomFixture();
        Person idle = Person.random("idle");
        String idleId = room.addMember(room.owner, idle, "BUYER", false, "proof");
        for (String member : List.of(room.groupMemberId, room.outsiderId, room.decisionMakerId, idleId)) {
            joined(room, member).body("status", equalTo("OPEN")).body("memberJoined", equalTo(false));
        }

        // Signed in with the invited email, each in their own way, none through the link.
        room.groupMember.api().body(Map.of("body", "Hello, I found my way in"))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        room.outsider.api().body(Map.of("seq", room.seq())).put("/api/rooms/{r}/groups/contracts/read", room.roomId)
                .then().statusCode(200);
        try (LiveClient page = LiveClient.connect(room.decisionMaker, room.roomId, room.seq())) {
            page.replay();
        }

        for (String member : List.of(room.groupMemberId, room.outsiderId, room.decisionMakerId)) {
            joined(room, member).body("status", equalTo("OPEN")).body("memberJoined", equalTo(true));
        }
        joined(room, idleId).body("memberJoined", equalTo(false));
    }

    @Test
    void aLinkIsRefusedToAnotherLoginAndToAnUnverifiedOne() {
        DealRoomFixture room = new DealRoomFixture();
        String token = tokenIn(SentMails.to(room.groupMember.email()).get(0));

        claim(room.outsider, token).statusCode(403).body("code", equalTo("invitation-email-mismatch"));
        claim(room.groupMember.unverified(), token).statusCode(403).body("code", equalTo("invitation-email-mismatch"));
        claim(room.groupMember, token).statusCode(200);
    }

    @Test
    void anExpiredLinkIsRefused() {
        DealRoomFixture room = new DealRoomFixture();
        String token = tokenIn(SentMails.to(room.groupMember.email()).get(0));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update invitation set expires_at = now() - interval '1 minute' where token_hash = ?1")
                .setParameter(1, Hashes.sha256Hex(token)).executeUpdate());

        claim(room.groupMember, token).statusCode(410).body("code", equalTo("invitation-expired"));
    }

    @Test
    void aRevokedLinkIsRefusedAndAUsedOneCannotBeRevoked() {
        DealRoomFixture room = new DealRoomFixture();
        String token = tokenIn(SentMails.to(room.groupMember.email()).get(0));
        String invitationId = invitationOf(room, room.groupMemberId);

        room.decisionMaker.api().delete("/api/rooms/{r}/invitations/{i}", room.roomId, invitationId).then()
                .statusCode(204);
        claim(room.groupMember, token).statusCode(410).body("code", equalTo("invitation-revoked"));

        String used = tokenIn(SentMails.to(room.outsider.email()).get(0));
        claim(room.outsider, used).statusCode(200);
        String claimed = room.owner.api().get("/api/rooms/{r}/invitations", room.roomId).then().statusCode(200)
                .extract().path("find { it.memberId == '" + room.outsiderId + "' }.id");
        room.owner.api().delete("/api/rooms/{r}/invitations/{i}", room.roomId, claimed)
                .then().statusCode(409).body("code", equalTo("invitation-used"));
    }

    @Test
    void resendingMailsANewLinkAndRetiresTheOldOne() {
        DealRoomFixture room = new DealRoomFixture();
        String first = tokenIn(SentMails.to(room.groupMember.email()).get(0));

        room.owner.api().post("/api/rooms/{r}/members/{m}/invitations", room.roomId, room.groupMemberId).then()
                .statusCode(201).body("status", equalTo("OPEN")).body("email", equalTo(room.groupMember.email()));
        List<Mail> mails = SentMails.to(room.groupMember.email());
        assertEquals(2, mails.size());
        String second = tokenIn(mails.get(1));

        claim(room.groupMember, first).statusCode(410).body("code", equalTo("invitation-revoked"));
        claim(room.groupMember, second).statusCode(200);
        room.owner.api().get("/api/rooms/{r}/invitations", room.roomId).then().statusCode(200)
                .body("findAll { it.memberId == '" + room.groupMemberId + "' }.status", hasItems("CLAIMED", "REVOKED"));
    }

    @Test
    void anUnknownLinkIsNotFoundAndOnlyTheTokensHashIsStored() {
        DealRoomFixture room = new DealRoomFixture();
        String token = tokenIn(SentMails.to(room.groupMember.email()).get(0));
        claim(room.groupMember, token.substring(1) + "A").statusCode(404).body("code", equalTo("invitation-not-found"));

        long raw = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from invitation where token_hash = ?1 or position(?1 in token_hash) > 0")
                .setParameter(1, token).getSingleResult()).longValue());
        long hashed = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from invitation where token_hash = ?1")
                .setParameter(1, Hashes.sha256Hex(token)).getSingleResult()).longValue());
        assertEquals(0, raw);
        assertEquals(1, hashed);
    }

    @Test
    void aRefusedAdditionMailsNobody() {
        DealRoomFixture room = new DealRoomFixture();
        Person nobody = Person.random("nobody");
        room.owner.api().body(Map.of("email", nobody.email(), "name", "N", "side", "BUYER",
                "groups", List.of("no-such-group")))
                .post("/api/rooms/{r}/members", room.roomId).then().statusCode(400);
        assertEquals(List.of(), SentMails.to(nobody.email()));
    }

    private static ValidatableResponse claim(Person person, String token) {
        return person.api().body(Map.of("token", token)).post("/api/invitations/claim").then();
    }

    /** The member's newest invitation, as the owner's list shows it. */
    private static ValidatableResponse joined(DealRoomFixture room, String memberId) {
        return room.owner.api().get("/api/rooms/{r}/invitations", room.roomId).then().statusCode(200)
                .root("find { it.memberId == '" + memberId + "' }");
    }

    private static String invitationOf(DealRoomFixture room, String memberId) {
        return room.owner.api().get("/api/rooms/{r}/invitations", room.roomId).then().statusCode(200)
                .extract().path("find { it.memberId == '" + memberId + "' && it.status == 'OPEN' }.id");
    }

    private static String tokenIn(Mail mail) {
        Matcher link = LINK.matcher(mail.getText());
        assertTrue(link.find(), mail.getText());
        return link.group(1);
    }
}

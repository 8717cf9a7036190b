package dev.dealroom.common;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.OidcTestServer;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Text the product cannot refuse because nobody here typed it — claims in an identity provider's token, names
 * stored before today's rules — is made safe where it is used, never a 500 and never a forged line.
 */
@QuarkusTest
class ForeignTextTest {

    @Inject
    EntityManager em;

    @Test
    void aNameFromTheProviderIsShownOnOneCleanLine() {
        Person eve = new Person(Person.random("eve").email(), "Eve\r\nINFO forged line\u0000\u202E", true);
        String roomId = DealRoomFixture.createRoom(eve, "Eve's room");

        eve.api().get("/api/rooms/{r}", roomId).then().statusCode(200)
                .body("me.name", equalTo("Eve  INFO forged line"));
    }

    @Test
    void aNameThatShowsNothingGivesWayToTheEmail() {
        Person blank = new Person(Person.random("blank").email(), "\u0000\u200B ", true);
        String roomId = DealRoomFixture.createRoom(blank, "Blank's room");

        blank.api().get("/api/rooms/{r}", roomId).then().statusCode(200).body("me.name", equalTo(blank.email()));
    }

    @Test
    void aSubjectWithAControlCharacterIsNoLogin() {
        Person person = Person.random("odd");
        String token = person.claims(Instant.now(), Instant.now().plusSeconds(600)).subject("sub\u0000odd")
                .audience(OidcTestServer.CLIENT_ID).claim("azp", OidcTestServer.API_CLIENT_ID).claim("typ", "Bearer")
                .sign();

        RestAssured.given().auth().oauth2(token).get("/api/rooms").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void aSubjectWithAControlCharacterIsNoLoginForAWriteEither() {
        Person person = Person.random("odd");
        String token = person.claims(Instant.now(), Instant.now().plusSeconds(600)).subject("sub\u0000odd")
                .audience(OidcTestServer.CLIENT_ID).claim("azp", OidcTestServer.API_CLIENT_ID).claim("typ", "Bearer")
                .sign();

        // Writes are counted per login before any resource runs: the count must not see another login than they do.
        RestAssured.given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", "R", "prospectAccount", "P", "targetDecisionDate", "2027-01-31"))
                .post("/api/rooms").then().statusCode(401).body("code", equalTo("unauthenticated"));
    }

    @Test
    void anEmailWithAControlCharacterNamesNoMember() {
        Person odd = new Person("odd\u0000" + Person.random("x").email(), "Odd", true);
        String token = odd.claims(Instant.now(), Instant.now().plusSeconds(600)).subject("sub-" + UUID.randomUUID())
                .audience(OidcTestServer.CLIENT_ID).claim("azp", OidcTestServer.API_CLIENT_ID).claim("typ", "Bearer")
                .sign();

        RestAssured.given().auth().oauth2(token).contentType("application/json").body(Map.of("name", "R", "prospectAccount", "P", "targetDecisionDate", "2027-01-31"))
                .post("/api/rooms").then().statusCode(403).body("code", equalTo("email-not-verified"));
    }

    @Test
    void aRoomNameStoredWithALineBreakStillGetsItsEmailsSent() {
        DealRoomFixture room = new DealRoomFixture();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update room set name = ?1 where id = ?2")
                .setParameter(1, "Old\r\nBcc: victim@example.test").setParameter(2, UUID.fromString(room.roomId))
                .executeUpdate());
        Person newcomer = Person.random("newcomer");

        room.owner.api().body(Map.of("email", newcomer.email(), "name", "New", "side", "BUYER"))
                .post("/api/rooms/{r}/members", room.roomId).then().statusCode(201);

        List<Mail> mails = SentMails.to(newcomer.email());
        assertEquals(1, mails.size());
        assertFalse(mails.get(0).getSubject().contains("\n") || mails.get(0).getSubject().contains("\r"),
                mails.get(0).getSubject());
        assertEquals(room.owner.name() + " invited you to Old  Bcc: victim@example.test", mails.get(0).getSubject());
    }
}

package dev.dealroom.access;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.ext.web.RoutingContext;

/**
 * A bearer token is verified once, then recalled until it expires — and only that very token: another token (an ID
 * token, a token for another client, one whose signature was altered) is verified as if nothing were remembered.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    VerifiedTokens verified;

    @Test
    void anAcceptedTokenIsRecalledWithItsCallerAndWithoutTheRequestItCameWith() {
        Person person = Person.random("buyer");
        String token = person.token();
        assertTrue(verified.recall(token).isEmpty());

        me(token).statusCode(200).body("email", equalTo(person.email()));

        var identity = verified.recall(token).orElseThrow();
        Caller caller = identity.getAttribute(VerifiedTokens.CALLER);
        assertEquals("sub-" + person.email(), caller.subject());
        assertEquals(person.email(), caller.memberEmail().orElseThrow());
        assertNull(identity.getAttribute(RoutingContext.class.getName()), "no request is kept");
        me(token).statusCode(200).body("email", equalTo(person.email()));
        assertSame(identity, verified.recall(token).orElseThrow(), "recalled, not verified and remembered again");
    }

    @Test
    void aTokenIsForgottenWhenItExpires() throws InterruptedException {
        Person person = Person.random("buyer");
        Instant expiry = Instant.now().plusSeconds(2);
        String token = person.tokenExpiringAt(expiry);
        me(token).statusCode(200);
        assertTrue(verified.recall(token).isPresent());

        while (!Instant.now().isAfter(expiry.plusMillis(100))) {
            Thread.sleep(100);
        }

        assertTrue(verified.recall(token).isEmpty());
        me(token).statusCode(401);
    }

    @Test
    void tokensTheServerRefusesAreNeverRemembered() {
        Person person = Person.random("buyer");
        String idToken = person.idToken();
        String otherClient = person.claims(Instant.now(), Instant.now().plusSeconds(600)).audience("admin-cli")
                .claim("azp", "admin-cli").claim("typ", "Bearer").sign();

        me(idToken).statusCode(401);
        me(otherClient).statusCode(401);

        assertTrue(verified.recall(idToken).isEmpty());
        assertTrue(verified.recall(otherClient).isEmpty());
    }

    @Test
    void aTokenWhoseSignatureWasAlteredIsVerifiedAndRefused() {
        Person person = Person.random("buyer");
        String token = person.token();
        me(token).statusCode(200);
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        String forged = token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);

        me(forged).statusCode(401);
        assertTrue(verified.recall(forged).isEmpty());
    }

    private static io.restassured.response.ValidatableResponse me(String token) {
        return RestAssured.given().auth().oauth2(token).get("/api/me").then();
    }
}

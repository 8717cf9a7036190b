package dev.dealroom.access;

import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.OidcTestServer;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;

/**
 * 401, with a problem body, for every request without a valid access token from the configured provider meant for
 * this server.
 */
@QuarkusTest
class AuthenticationTest {

    private final Person person = Person.random("seller");

    @Test
    void noToken() {
        RestAssured.get("/api/rooms").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void validToken() {
        RestAssured.given().auth().oauth2(person.token()).get("/api/rooms").then().statusCode(200);
    }

    @Test
    void expiredToken() {
        String expired = person.tokenExpiringAt(Instant.now().minusSeconds(3600));
        RestAssured.given().auth().oauth2(expired).get("/api/rooms").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void tamperedToken() {
        String[] parts = person.token().split("\\.");
        String otherPayload = Person.random("attacker").token().split("\\.")[1];
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];
        RestAssured.given().auth().oauth2(tampered).get("/api/rooms").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void tokenFromAnotherIssuer() {
        String foreign = Jwt.issuer("https://evil.example.com").subject("x").claim("email", person.email())
                .claim("email_verified", true).expiresIn(600).sign();
        RestAssured.given().auth().oauth2(foreign).get("/api/rooms").then().statusCode(401);
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        // for this very client, as the provider hands it over at the end of a browser sign-in
        refused(person.idToken());
    }

    @Test
    void anAccessTokenOfAnotherClientOfTheRealm() {
        refused(person.claims(Instant.now(), Instant.now().plusSeconds(600))
                .audience("account").claim("azp", "admin-cli").claim("typ", "Bearer").sign());
    }

    @Test
    void anAccessTokenThatNamesNoClient() {
        refused(person.claims(Instant.now(), Instant.now().plusSeconds(600)).claim("typ", "Bearer").sign());
    }

    @Test
    void anAccessTokenIssuedToThisServersOwnClientIsAccepted() {
        // Keycloak's access token from the web page's code flow: aud is someone else, azp is this server
        String token = person.claims(Instant.now(), Instant.now().plusSeconds(600))
                .audience("account").claim("azp", OidcTestServer.CLIENT_ID).claim("typ", "Bearer").sign();
        RestAssured.given().auth().oauth2(token).get("/api/rooms").then().statusCode(200);
    }

    private static void refused(String token) {
        RestAssured.given().auth().oauth2(token).get("/api/rooms").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void garbageToken() {
        RestAssured.given().auth().oauth2("not.a.jwt").get("/api/rooms").then().statusCode(401)
                .contentType("application/problem+json");
    }
}

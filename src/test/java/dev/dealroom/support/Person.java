package dev.dealroom.support;

import java.time.Instant;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/** A login at the test OIDC provider, with a unique email so that tests never see each other's rooms. */
public record Person(String email, String name, boolean emailVerified) {

    public static Person random(String role) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Person(role + "-" + id + "@example.test", capitalise(role) + " " + id, true);
    }

    public Person unverified() {
        return new Person(email, name, false);
    }

    public String token() {
        return tokenExpiringAt(Instant.now().plusSeconds(600));
    }

    public String tokenExpiringAt(Instant expiry) {
        return Jwt.issuer(OidcTestServer.ISSUER)
                .subject("sub-" + email)
                .claim("email", email)
                .claim("email_verified", emailVerified)
                .claim("name", name)
                .issuedAt(expiry.minusSeconds(600))
                .expiresAt(expiry)
                .sign();
    }

    /** The ID token the provider hands the server at the end of a browser sign-in (audience: this client). */
    public String idToken() {
        return idTokenExpiringAt(Instant.now().plusSeconds(600));
    }

    public String idTokenExpiringAt(Instant expiry) {
        return Jwt.issuer(OidcTestServer.ISSUER)
                .subject("sub-" + email)
                .audience(OidcTestServer.CLIENT_ID)
                .claim("email", email)
                .claim("email_verified", emailVerified)
                .claim("name", name)
                .issuedAt(Instant.now())
                .expiresAt(expiry)
                .sign();
    }

    /** A RestAssured request carrying this person's bearer token. */
    public RequestSpecification api() {
        return RestAssured.given().auth().oauth2(token()).contentType(ContentType.JSON);
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

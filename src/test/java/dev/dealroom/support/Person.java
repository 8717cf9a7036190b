package dev.dealroom.support;

import java.time.Instant;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** A login at the test OIDC provider, with a unique email so that tests never see each other's rooms. */
public record Person(String email, String name, boolean emailVerified) {

    public static Person random(String role) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Person(role + "-" + id + "@example.test", capitalise(role) + " " + id, true);
    }

    public Person unverified() {
        return new Person(email, name, false);
    }

    /**
     * An access token as Keycloak issues it to the realm's API client: {@code typ} Bearer, issued to
     * ({@code azp}) the API client, for ({@code aud}) this server's client.
     */
    public String token() {
        return tokenExpiringAt(Instant.now().plusSeconds(600));
    }

    public String tokenExpiringAt(Instant expiry) {
        return claims(expiry.minusSeconds(600), expiry)
                .audience(OidcTestServer.CLIENT_ID)
                .claim("azp", OidcTestServer.API_CLIENT_ID)
                .claim("typ", "Bearer")
                .sign();
    }

    /**
     * The ID token the provider hands the server at the end of a browser sign-in, as Keycloak makes it:
     * {@code typ} ID, for and issued to this client.
     */
    public String idToken() {
        return idTokenExpiringAt(Instant.now().plusSeconds(600));
    }

    public String idTokenExpiringAt(Instant expiry) {
        return claims(Instant.now(), expiry)
                .audience(OidcTestServer.CLIENT_ID)
                .claim("azp", OidcTestServer.CLIENT_ID)
                .claim("typ", "ID")
                .sign();
    }

    /** This person's claims in a token of the test provider, valid from {@code issued} to {@code expiry}, to sign. */
    public JwtClaimsBuilder claims(Instant issued, Instant expiry) {
        return Jwt.issuer(OidcTestServer.ISSUER)
                .subject("sub-" + email)
                .claim("email", email)
                .claim("email_verified", emailVerified)
                .claim("name", name)
                .issuedAt(issued)
                .expiresAt(expiry);
    }

    /** A RestAssured request carrying this person's bearer token. */
    public RequestSpecification api() {
        return RestAssured.given().auth().oauth2(token()).contentType(ContentType.JSON);
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

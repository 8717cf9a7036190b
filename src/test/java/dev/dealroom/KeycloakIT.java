package dev.dealroom;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.ChildProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged server against the real Keycloak, started from its distribution on Maven Central by
 * {@code docker/keycloak/run-keycloak.sh} (downloaded once, then cached) with the realm in
 * {@code docker/keycloak/}: real tokens from the demo users, nothing stubbed.
 */
class KeycloakIT {

    private static final String REALM = "/realms/deal-room";
    private static ChildProcess keycloak;
    private static ChildProcess server;

    @BeforeAll
    static void start() throws Exception {
        int port = ChildProcess.freePort();
        keycloak = ChildProcess.start("keycloak.log", URI.create("http://localhost:" + port), Map.of(),
                List.of("bash", "docker/keycloak/run-keycloak.sh", String.valueOf(port)))
                .awaitOk(REALM + "/.well-known/openid-configuration", Duration.ofMinutes(5));
        server = ChildProcess.server("keycloak", Map.of(
                "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.url + REALM,
                "QUARKUS_OIDC_CLIENT_ID", "deal-room",
                "QUARKUS_OIDC_CREDENTIALS_SECRET", "deal-room-dev-secret-change-me-in-production",
                // no SMTP server here: the mock mailer writes each mail to the server's log
                "QUARKUS_MAILER_MOCK", "true",
                // the realm's logins are fixed and the database outlives a run: every run opens a room as Sam and
                // invites Ivan, which the limits would refuse after a few runs in an hour (RateLimitTest tests them)
                "DEALROOM_LIMITS_ROOMS_PER_DAY", "100000",
                "DEALROOM_LIMITS_INVITATIONS_PER_MEMBER_PER_HOUR", "100000"))
                .awaitOk("/q/health/ready", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aSellerOpensARoomInvitesABuyerWhoClaimsItAndWorksInTheirGroup() throws Exception {
        String sam = token("sam.seller@acme.example");
        String ivan = token("ivan.it@northwind.example");
        String stranger = token("stranger@elsewhere.example");

        api(sam).get("/api/me").then().statusCode(200)
                .body("name", equalTo("Sam Seller"))
                .body("email", equalTo("sam.seller@acme.example"))
                .body("emailVerified", equalTo(true));
        String roomId = api(sam)
                .body(Map.of("name", "Keycloak evaluation", "prospectAccount", "Northwind", "targetDecisionDate",
                        "2027-06-30"))
                .post("/api/rooms").then().statusCode(201).extract().path("room.id");
        api(sam).body(Map.of("email", "Ivan.IT@northwind.example", "name", "Ivan Ilic", "side", "BUYER",
                "groups", List.of("proof")))
                .post("/api/rooms/{r}/members", roomId).then().statusCode(201);
        String invitation = invitationToken();
        api(stranger).body(Map.of("token", invitation)).post("/api/invitations/claim").then().statusCode(403)
                .body("code", equalTo("invitation-email-mismatch"));
        api(ivan).body(Map.of("token", invitation)).post("/api/invitations/claim").then().statusCode(200)
                .body("roomId", equalTo(roomId));

        List<String> ivansGroups = api(ivan).get("/api/rooms/{r}/groups", roomId).then().statusCode(200)
                .extract().path("key");
        assertEquals(List.of("everyone", "proof"), ivansGroups);
        api(ivan).body(Map.of("body", "Pilot environment is ready"))
                .post("/api/rooms/{r}/groups/proof/posts", roomId).then().statusCode(201);
        api(sam).get("/api/rooms/{r}/groups/proof/posts", roomId).then().statusCode(200)
                .body("posts[0].body", equalTo("Pilot environment is ready"));

        api(stranger).get("/api/rooms/{r}", roomId).then().statusCode(404).body("code", equalTo("not-found"));
        api(ivan).get("/api/rooms/{r}/groups/contracts", roomId).then().statusCode(404);
    }

    @Test
    void aTamperedOrExpiredKeycloakTokenIsRefused() throws InterruptedException {
        String ivan = token("ivan.it@northwind.example");
        String[] parts = ivan.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2)
                + (parts[1].endsWith("A") ? "QQ" : "AA") + "." + parts[2];
        api(tampered).get("/api/me").then().statusCode(401).body("code", equalTo("unauthenticated"));

        // Long enough for the first call to make it on a busy machine (a 1 s token sometimes expired on the way);
        // the second waits until the token's own exp has passed.
        setAccessTokenLifespan(5);
        try {
            String shortLived = token("ivan.it@northwind.example");
            api(shortLived).get("/api/me").then().statusCode(200);
            String claims = new String(Base64.getUrlDecoder().decode(shortLived.split("\\.")[1]),
                    StandardCharsets.UTF_8);
            long expiresAt = JsonPath.from(claims).getLong("exp") * 1000;
            Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis()) + 1500);
            api(shortLived).get("/api/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
        } finally {
            setAccessTokenLifespan(300);
        }
    }

    @Test
    void onlyAccessTokensMeantForDealRoomAreAccepted() {
        // the realm's API client puts deal-room in its access tokens' audience
        Map<String, Object> tokens = tokens("ivan.it@northwind.example", "deal-room-api");
        api((String) tokens.get("access_token")).get("/api/me").then().statusCode(200);
        // the ID token of the same sign-in (typ ID, for deal-room-api) does not act as Ivan
        api((String) tokens.get("id_token")).get("/api/me").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        // nor does an access token the realm issues to another of its clients
        String adminCli = (String) tokens("ivan.it@northwind.example", "admin-cli").get("access_token");
        api(adminCli).get("/api/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
    }

    /** The token of the newest invitation link in the mails the server has sent. */
    private static String invitationToken() throws IOException, InterruptedException {
        Pattern link = Pattern.compile("/#/join/([A-Za-z0-9_-]{43})");
        for (int attempt = 0; attempt < 50; attempt++) {
            Matcher found = link.matcher(server.output());
            String token = null;
            while (found.find()) {
                token = found.group(1);
            }
            if (token != null) {
                return token;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no invitation mail in the server's log");
    }

    /** A user's access token from the realm's API client (password grant: the demo users' password is demo). */
    private static String token(String username) {
        return (String) tokens(username, "deal-room-api").get("access_token");
    }

    /** The token response of a password grant for {@code username} through {@code clientId}, ID token included. */
    private static Map<String, Object> tokens(String username, String clientId) {
        return RestAssured.given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", clientId)
                .formParam("username", username).formParam("password", "demo").formParam("scope", "openid")
                .post(keycloak.url + REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    private static void setAccessTokenLifespan(int seconds) {
        String admin = RestAssured.given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(keycloak.url + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        RestAssured.given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("accessTokenLifespan", seconds))
                .put(keycloak.url + "/admin" + REALM)
                .then().statusCode(204);
    }

    private static RequestSpecification api(String token) {
        return RestAssured.given().baseUri(server.url.toString()).auth().oauth2(token).contentType(ContentType.JSON);
    }
}

package dev.dealroom.event.live;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.ChildProcess;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.OidcTestServer;
import dev.dealroom.support.Person;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Two processes of the packaged server sharing one PostgreSQL (the test database) and one OpenID provider:
 * what is written through one node reaches the clients of the other, presence included, and a login's limits count
 * what it did on both. They run the production profile, so they also show what production exposes (node B with the
 * API's description switched on).
 */
class TwoNodesIT {

    private static final OidcWiremockTestResource OIDC = new OidcWiremockTestResource();
    private static final List<ChildProcess> NODES = new ArrayList<>();
    private static URI nodeA;
    private static URI nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String authServer = OIDC.start().get("keycloak.url") + "/realms/quarkus";
        System.setProperty("smallrye.jwt.sign.key.location", "privateKey.jwk");
        nodeA = start("a", authServer, Map.of());
        nodeB = start("b", authServer, Map.of("DEALROOM_API_DOCS", "true"));
        for (ChildProcess node : NODES) {
            node.awaitOk("/q/health/ready", Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (ChildProcess node : NODES) {
            node.close();
        }
        OIDC.stop();
    }

    @Test
    void aClientOnNodeAReceivesAnEventWrittenThroughNodeB() {
        Person owner = Person.random("seller");
        Person buyer = Person.random("buyer");
        String roomId = api(nodeB, owner)
                .body(Map.of("name", "Two nodes", "prospectAccount", "P", "targetDecisionDate", "2027-04-01"))
                .post("/api/rooms").then().statusCode(201).extract().path("room.id");
        String buyerId = api(nodeB, owner).body(Map.of("email", buyer.email(), "name", "B", "side", "BUYER",
                "groups", List.of("proof"))).post("/api/rooms/{r}/members", roomId).then().statusCode(201)
                .extract().path("id");
        long seq = api(nodeA, buyer).get("/api/rooms/{r}", roomId).then().statusCode(200).extract()
                .<Number>path("seq").longValue();

        try (LiveClient onA = LiveClient.connect(ws(nodeA), buyer, roomId, seq)) {
            onA.nextOfType("ready");
            api(nodeB, owner).body(Map.of("stage", "NEGOTIATION")).patch("/api/rooms/{r}", roomId).then()
                    .statusCode(200);
            Map<String, Object> event = onA.nextOfType("room.updated");
            assertEquals(seq + 1, ((Number) event.get("seq")).longValue());

            // Presence crosses nodes too: the owner connecting to node B shows up on node A.
            String ownerId = api(nodeB, owner).get("/api/rooms/{r}", roomId).then().extract().path("me.id");
            try (LiveClient onB = LiveClient.connect(ws(nodeB), owner, roomId, seq + 1)) {
                onB.nextOfType("ready");
                List<?> online;
                do {
                    online = (List<?>) onA.nextOfType("presence").get("online");
                } while (!online.contains(ownerId));
                assertTrue(online.contains(buyerId));
            }
        }
    }

    @Test
    void aLoginsLimitsCountWhatItDidOnEitherNode() throws InterruptedException {
        // The write count starts again with each minute: begin early in one, so that it does not turn midway.
        int second = LocalTime.now().getSecond();
        if (second > 45) {
            Thread.sleep((61 - second) * 1000L);
        }
        Person opener = Person.random("opener");
        String roomId = openRoom(nodeA, opener).then().statusCode(201).extract().path("room.id");
        openRoom(nodeB, opener).then().statusCode(201);
        for (URI node : List.of(nodeA, nodeB)) {
            Response refused = openRoom(node, opener);
            refused.then().statusCode(429).body("code", equalTo("rate-limited"));
            assertTrue(Long.parseLong(refused.header("Retry-After")) > 3_600, "rooms: until a day has passed");
        }
        // Four writes so far, the refused ones included; two more reach the minute's limit of six.
        post(nodeA, opener, roomId).then().statusCode(201);
        post(nodeB, opener, roomId).then().statusCode(201);
        Response refused = post(nodeA, opener, roomId);
        refused.then().statusCode(429).body("code", equalTo("rate-limited"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) <= 60, "writes: until the next minute");
    }

    @Test
    void productionDropsAConnectionThatDoesNotSendItsHeaders() throws IOException {
        assertTrue(NODES.get(0).output().contains("Request header timeout of 1000 ms armed on"),
                "the log says which listener is armed");
        try (Socket silent = new Socket(nodeA.getHost(), nodeA.getPort())) {
            silent.setSoTimeout(10_000);
            silent.getOutputStream().write("GET /q/health/ready HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                assertEquals(-1, silent.getInputStream().read(), "closed without an answer");
            } catch (SocketException reset) {
                // closed too
            }
        }
    }

    @Test
    void productionServesTheApiDescriptionOnlyWhenSwitchedOn() {
        for (String path : List.of("/q/openapi", "/q/swagger-ui/")) {
            RestAssured.given().baseUri(nodeA.toString()).redirects().follow(false).get(path).then().statusCode(404);
            RestAssured.given().baseUri(nodeB.toString()).get(path).then().statusCode(200);
        }
        RestAssured.given().baseUri(nodeA.toString()).get("/q/health/ready").then().statusCode(200);
    }

    private static RequestSpecification api(URI node, Person person) {
        return RestAssured.given().baseUri(node.toString()).auth().oauth2(person.token())
                .contentType(ContentType.JSON);
    }

    private static Response openRoom(URI node, Person owner) {
        return api(node, owner)
                .body(Map.of("name", "Limits", "prospectAccount", "P", "targetDecisionDate", "2027-04-01"))
                .post("/api/rooms");
    }

    private static Response post(URI node, Person author, String roomId) {
        return api(node, author).body(Map.of("body", "Through " + node.getPort()))
                .post("/api/rooms/{r}/groups/everyone/posts", roomId);
    }

    private static URI ws(URI node) {
        return URI.create(node.toString().replace("http://", "ws://"));
    }

    private static URI start(String name, String authServer, Map<String, String> more) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "QUARKUS_OIDC_AUTH_SERVER_URL", authServer,
                "QUARKUS_OIDC_CLIENT_ID", "deal-room",
                "QUARKUS_OIDC_TOKEN_ISSUER", OidcTestServer.ISSUER,
                // No periodic catch-up within the test's time: what arrives was woken by the other node's NOTIFY.
                "DEALROOM_LIVE_CATCH_UP_INTERVAL", "1h",
                // Small enough for a test to reach through both nodes.
                "DEALROOM_LIMITS_ROOMS_PER_DAY", "2",
                "DEALROOM_LIMITS_WRITES_PER_MINUTE", "6",
                "DEALROOM_LIMITS_HEADER_TIMEOUT", "1s"));
        env.putAll(more);
        ChildProcess node = ChildProcess.server(name, env);
        NODES.add(node);
        return node.url;
    }
}

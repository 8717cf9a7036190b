package dev.dealroom.event.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.LiveClient;
import dev.dealroom.support.OidcTestServer;
import dev.dealroom.support.Person;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two processes of the packaged server sharing one PostgreSQL (the test database) and one OpenID provider:
 * what is written through one node reaches the clients of the other, presence included.
 */
class TwoNodesIT {

    private static final OidcWiremockTestResource OIDC = new OidcWiremockTestResource();
    private static final List<Process> NODES = new ArrayList<>();
    private static URI nodeA;
    private static URI nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String authServer = OIDC.start().get("keycloak.url") + "/realms/quarkus";
        System.setProperty("smallrye.jwt.sign.key.location", "privateKey.jwk");
        nodeA = start("a", authServer);
        nodeB = start("b", authServer);
        awaitHealthy(nodeA);
        awaitHealthy(nodeB);
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (Process node : NODES) {
            node.destroy();
        }
        for (Process node : NODES) {
            if (!node.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                node.destroyForcibly();
            }
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

    private static RequestSpecification api(URI node, Person person) {
        return RestAssured.given().baseUri(node.toString()).auth().oauth2(person.token())
                .contentType(ContentType.JSON);
    }

    private static URI ws(URI node) {
        return URI.create(node.toString().replace("http://", "ws://"));
    }

    private static URI start(String name, String authServer) throws IOException {
        int port = freePort();
        Path jar = Path.of(System.getProperty("dealroom.server.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.exists(jar), jar + " is built by `package`, before integration tests");
        Path log = Files.createDirectories(Path.of("target/two-nodes")).resolve("node-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/dealroom_test");
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", authServer);
        env.put("QUARKUS_OIDC_CLIENT_ID", "deal-room");
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", OidcTestServer.ISSUER);
        // No periodic catch-up within the test's time: what arrives was woken by the other node's NOTIFY.
        env.put("DEALROOM_LIVE_CATCH_UP_INTERVAL", "1h");
        NODES.add(builder.start());
        return URI.create("http://localhost:" + port);
    }

    private static void awaitHealthy(URI node) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(node.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(node + " did not become healthy; see target/two-nodes/*.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

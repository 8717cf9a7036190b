package dev.dealroom.webhook;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.Outbox;
import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The example receiver of {@code docs/webhook-receiver}, run as integrators would run it, against real deliveries: it
 * accepts what the server signs, refuses what it did not, and mirrors milestones into its CSV once per delivery.
 */
@QuarkusTest
class ExampleReceiverTest {

    private static final Path SOURCE = Path.of("docs", "webhook-receiver", "WebhookReceiver.java");

    @Inject
    Outbox outbox;

    @Test
    void theExampleReceiverVerifiesRealDeliveriesAndMirrorsMilestonesOnce() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/dealroom";
        Map<String, Object> created = room.owner.api().body(Map.of("url", url, "eventTypes", List.of("*")))
                .post("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(201).extract().path("$");
        String secret = (String) created.get("secret");
        String webhook = (String) created.get("id");

        Path csv = Files.createDirectories(Path.of("target", "webhook-receiver"))
                .resolve("crm-" + UUID.randomUUID() + ".csv");
        Path log = csv.resolveSibling(csv.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SOURCE.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("WEBHOOK_SECRET", secret, "PORT", String.valueOf(port), "CSV",
                csv.toString()));
        Process receiver = builder.start();
        try {
            awaitListening(port, receiver, log);
            room.owner.api().body(Map.of("title", "Security review passed", "milestone", true, "dueDate",
                    "2027-02-15")).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);
            room.owner.api().body(Map.of("title", "Prepare slides")).post("/api/rooms/{r}/groups/proof/tasks",
                    room.roomId).then().statusCode(201);
            room.owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);
            outbox.sendDue();

            room.owner.api().get("/api/rooms/{r}/webhooks/{w}/deliveries", room.roomId, webhook).then()
                    .statusCode(200).body("lastStatus", everyItem(equalTo(204)));
            List<String> lines = Files.readAllLines(csv);
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.get(1).contains(",task.created,milestone,Security review passed,TODO,2027-02-15"),
                    lines.get(1));
            assertTrue(lines.get(2).contains(",room.updated,stage,Fixture room,PROPOSAL/OPEN,2027-03-31"),
                    lines.get(2));

            // the same delivery again (same webhook-id): verified, and not written twice
            String milestone = lines.get(1).split(",")[1];
            room.owner.api().post("/api/rooms/{r}/webhooks/{w}/deliveries/{d}/redeliver", room.roomId, webhook,
                    milestone).then().statusCode(200);
            outbox.sendDue();
            room.owner.api().get("/api/rooms/{r}/webhooks/{w}/deliveries", room.roomId, webhook).then()
                    .statusCode(200).body("lastStatus", everyItem(equalTo(204)));
            assertEquals(3, Files.readAllLines(csv).size());

            // what the server did not sign is refused
            String body = "{\"type\":\"room.updated\",\"roomId\":\"" + room.roomId + "\",\"seq\":999,"
                    + "\"data\":{\"name\":\"Fixture room\",\"stage\":\"NEGOTIATION\",\"status\":\"OPEN\"}}";
            long now = Instant.now().getEpochSecond();
            assertEquals(401, post(url, "msg_forged", now, body,
                    WebhookSignature.sign("whsec_" + "A".repeat(44), "msg_forged", now, body)));
            assertEquals(401, post(url, "msg_old", now - 3600, body, WebhookSignature.sign(secret, "msg_old",
                    now - 3600, body)));
            assertEquals(204, post(url, "msg_fresh", now, body, WebhookSignature.sign(secret, "msg_fresh", now,
                    body)));
            List<String> after = Files.readAllLines(csv);
            assertEquals(4, after.size(), "a line for the one it accepted");
            assertTrue(after.get(3).contains(",msg_fresh,"), after.get(3));
        } finally {
            receiver.destroy();
        }
    }

    private static int post(String url, String id, long timestamp, String body, String signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        // HTTP/1.1, as the server sends
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Process receiver, Path log) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (!receiver.isAlive()) {
                throw new AssertionError("The example receiver stopped: " + Files.readString(log));
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("The example receiver did not listen within 30 s: " + Files.readString(log));
    }
}

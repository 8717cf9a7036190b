package dev.dealroom.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.Outbox;
import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The installation's webhook, from configuration: every room's events of its types, whoever could see them,
 * signed with its own secret — and every write of a room, however made, queues its delivery.
 */
@QuarkusTest
@TestProfile(InstallationWebhookTest.Installation.class)
class InstallationWebhookTest {

    static final int PORT = freePort();
    static final String SECRET = "whsec_" + "c2VjcmV0LW9mLXRoZS1pbnN0YWxsYXRpb24tMTIzNDU2Nzg=";

    public static class Installation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dealroom.webhooks.installation.url", "http://127.0.0.1:" + PORT + "/operator",
                    "dealroom.webhooks.installation.secret", SECRET,
                    "dealroom.webhooks.installation.event-types", "post.created,task.created");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Test
    void theInstallationReceivesEveryRoomsEventsOfItsTypesUnsealed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(PORT)) {
            DealRoomFixture room = new DealRoomFixture();
            for (int i = 0; i < 2; i++) { // the second post may take the one-statement path
                room.groupMember.api().body(Map.of("body", "Pilot data " + i))
                        .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
            }
            room.owner.api().body(Map.of("title", "Run the pilot")).post("/api/rooms/{r}/groups/proof/tasks",
                    room.roomId).then().statusCode(201);
            room.owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);
            outbox.sendDue();

            List<JsonNode> events = receiver.received().stream()
                    .filter(delivery -> delivery.body().contains(room.roomId))
                    .map(delivery -> {
                        assertEquals(WebhookSignature.sign(SECRET, delivery.id(), Long.parseLong(delivery.timestamp()),
                                delivery.body()), delivery.signature());
                        return read(delivery.body());
                    }).toList();
            assertEquals(List.of("post.created", "post.created", "task.created"),
                    events.stream().map(event -> event.path("type").asText()).toList(), "its types only");
            assertTrue(events.stream().allMatch(event -> room.proofId.equals(event.path("groupId").asText())));
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

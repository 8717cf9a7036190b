package dev.dealroom.post;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every create echoes the client's id (issue 15): in its answer, in a retry's answer (the original, nothing new) and
 * in its created event, so the author's page matches its pending copy by id, not by text. Reads leave it out.
 */
@QuarkusTest
class ClientIdEchoTest {

    @Test
    void aPostEchoesItsClientIdAndARetryReturnsTheOriginal() {
        DealRoomFixture room = new DealRoomFixture();
        String clientId = UUID.randomUUID().toString();
        long seq = room.seq();
        Map<String, Object> body = Map.of("body", "Hello", "clientId", clientId);
        String id = room.groupMember.api().body(body).post("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .statusCode(201).body("clientId", equalTo(clientId)).extract().path("id");
        room.groupMember.api().body(body).post("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .statusCode(201).body("id", equalTo(id)).body("clientId", equalTo(clientId));
        assertCreatedEvent(room, seq, "post.created", id, clientId);
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, id).then()
                .body("clientId", nullValue());
    }

    @Test
    void theIdempotencyKeyHeaderIsEchoedToo() {
        DealRoomFixture room = new DealRoomFixture();
        String key = UUID.randomUUID().toString();
        room.groupMember.api().header("Idempotency-Key", key).body(Map.of("body", "Hello"))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .statusCode(201).body("clientId", equalTo(key));
    }

    @Test
    void aTaskEchoesItsClientIdAndARetryReturnsTheOriginal() {
        DealRoomFixture room = new DealRoomFixture();
        String clientId = UUID.randomUUID().toString();
        long seq = room.seq();
        Map<String, Object> body = Map.of("title", "Run the pilot", "clientId", clientId);
        String id = room.groupMember.api().body(body).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then()
                .statusCode(201).body("clientId", equalTo(clientId)).extract().path("id");
        room.groupMember.api().body(body).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then()
                .statusCode(201).body("id", equalTo(id)).body("clientId", equalTo(clientId));
        assertCreatedEvent(room, seq, "task.created", id, clientId);
        room.owner.api().get("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, id).then()
                .body("clientId", nullValue());
    }

    @Test
    void aSignoffEchoesItsClientIdAndARetryReturnsTheOriginal() {
        DealRoomFixture room = new DealRoomFixture();
        String clientId = UUID.randomUUID().toString();
        long seq = room.seq();
        Map<String, Object> body = Map.of("title", "Proof accepted", "approverIds", List.of(room.decisionMakerId),
                "clientId", clientId);
        String id = room.groupMember.api().body(body).post("/api/rooms/{r}/groups/proof/signoffs", room.roomId)
                .then().statusCode(201).body("clientId", equalTo(clientId)).extract().path("id");
        room.groupMember.api().body(body).post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then()
                .statusCode(201).body("id", equalTo(id)).body("clientId", equalTo(clientId));
        assertCreatedEvent(room, seq, "signoff.requested", id, clientId);
    }

    @Test
    void aDocumentUploadEchoesItsClientIdAndARetryReturnsTheOriginal() {
        DealRoomFixture room = new DealRoomFixture();
        String clientId = UUID.randomUUID().toString();
        long seq = room.seq();
        String id = upload(room, clientId).then().statusCode(201).body("clientId", equalTo(clientId))
                .extract().path("id");
        upload(room, clientId).then().statusCode(201).body("id", equalTo(id)).body("clientId", equalTo(clientId))
                .body("versions.size()", equalTo(1));
        assertCreatedEvent(room, seq, "document.uploaded", id, clientId);
    }

    private static io.restassured.response.Response upload(DealRoomFixture room, String clientId) {
        return room.groupMember.api().contentType("multipart/form-data")
                .multiPart("file", "notes.txt", "some notes".getBytes(), "text/plain").multiPart("clientId", clientId)
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId);
    }

    /** Exactly one event after {@code seq}, of this type, for this item, carrying the client's id. */
    private static void assertCreatedEvent(DealRoomFixture room, long seq, String type, String id, String clientId) {
        JsonPath events = room.owner.api().get("/api/rooms/{r}/events?since=" + seq, room.roomId).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(type), events.getList("events.type"));
        assertEquals(id, events.getString("events[0].data.id"));
        assertEquals(clientId, events.getString("events[0].data.clientId"));
    }
}

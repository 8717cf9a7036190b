package dev.dealroom.event;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.Caller;
import dev.dealroom.room.RoomService;
import dev.dealroom.room.RoomStage;
import dev.dealroom.room.UpdateRoomRequest;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Invariant 2: every change is one event, committed with the change, seq gapless per room. */
@QuarkusTest
class EventLogTest {

    @Inject
    DataSource dataSource;

    @Inject
    RoomService rooms;

    @Inject
    ObjectMapper json;

    record Row(long seq, String type, UUID groupId, UUID actorMemberId) {
    }

    /**
     * What live delivery sends for an event committed on this node — its envelope written around the stored payload,
     * never parsed — is exactly what the envelope itself serialises to (what the log's readers get), also for a
     * payload in PostgreSQL's layout, for room and group events, with and without an actor member, in any script.
     */
    @Test
    void anEventsWireJsonIsItsEnvelopesJsonWithoutParsingThePayload() throws Exception {
        Instant at = Instant.parse("2026-11-28T04:26:26.123456Z");
        String stored = "{\"n\": 1.5, \"body\": \"Réunion à 14 h — ✓ 会议, \\\"ok\\\": {\\\\ }\", \"list\": [null, true,"
                + " {\"a\": \"b c\"}]}";
        for (EventCommitted event : List.of(
                new EventCommitted(UUID.randomUUID(), 7, EventType.POST_CREATED, UUID.randomUUID(),
                        new Actor(UUID.randomUUID(), "Camille Lefèvre"), at, stored),
                new EventCommitted(UUID.randomUUID(), 8, EventType.POST_EDITED, UUID.randomUUID(),
                        new Actor(UUID.randomUUID(), "Camille Lefèvre"), at, json.writeValueAsString(json.readTree(stored))),
                new EventCommitted(UUID.randomUUID(), 1, EventType.ROOM_UPDATED, null, new Actor(null, "Deal Room"),
                        at, "{}"))) {
            assertEquals(json.writeValueAsString(event.envelope(json)),
                    new String(event.wireJson(json), StandardCharsets.UTF_8), event.type().wireName());
        }
    }

    @Test
    void everyChangeAppendsItsEventsInOrder() {
        Person owner = Person.random("seller");
        String roomId = DealRoomFixture.createRoom(owner, "Event room");
        String ownerId = owner.api().get("/api/rooms/{r}", roomId).then().extract().path("me.id");
        String proofId = owner.api().get("/api/rooms/{r}/groups/proof", roomId).then().extract().path("id");

        owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", roomId).then().statusCode(200);
        Person buyer = Person.random("buyer");
        String buyerId = owner.api().body(Map.of("email", buyer.email(), "name", "B", "side", "BUYER"))
                .post("/api/rooms/{r}/members", roomId).then().statusCode(201).extract().path("id");
        String groupId = owner.api().body(Map.of("name", "Security review", "kind", "WORKSTREAM"))
                .post("/api/rooms/{r}/groups", roomId).then().statusCode(201).extract().path("id");
        owner.api().put("/api/rooms/{r}/groups/proof/members/{m}", roomId, buyerId).then().statusCode(200);
        // The same again changes nothing and records nothing.
        owner.api().put("/api/rooms/{r}/groups/proof/members/{m}", roomId, buyerId).then().statusCode(200);
        owner.api().delete("/api/rooms/{r}/groups/proof/members/{m}", roomId, buyerId).then().statusCode(204);
        owner.api().delete("/api/rooms/{r}/groups/proof/members/{m}", roomId, buyerId).then().statusCode(204);
        owner.api().delete("/api/rooms/{r}/members/{m}", roomId, buyerId).then().statusCode(204);

        List<Row> events = events(roomId);
        // Adding a member is two facts: they are in the room, and their invitation went out.
        assertEquals(List.of("room.created", "room.updated", "member.added", "invitation.sent", "group.created",
                "group.member_added", "group.member_removed", "member.removed"),
                events.stream().map(Row::type).toList());
        assertEquals(LongStream.rangeClosed(1, 8).boxed().toList(), events.stream().map(Row::seq).toList());
        assertNull(events.get(0).groupId(), "room events are room-level");
        assertNull(events.get(2).groupId(), "member events are room-level");
        assertNull(events.get(3).groupId(), "invitation events are room-level");
        assertEquals(UUID.fromString(groupId), events.get(4).groupId());
        assertEquals(UUID.fromString(proofId), events.get(5).groupId());
        assertEquals(UUID.fromString(proofId), events.get(6).groupId());
        events.forEach(event -> assertEquals(UUID.fromString(ownerId), event.actorMemberId()));
        owner.api().get("/api/rooms/{r}", roomId).then().statusCode(200)
                .body("seq", equalTo(8));
    }

    @Test
    void aRefusedChangeLeavesNoEvent() {
        DealRoomFixture room = new DealRoomFixture();
        long before = room.seq();
        int eventsBefore = events(room.roomId).size();

        room.owner.api().body(Map.of("email", room.groupMember.email(), "name", "Again", "side", "BUYER"))
                .post("/api/rooms/{r}/members", room.roomId).then().statusCode(409);
        room.owner.api().body(Map.of("email", "new@example.test", "name", "N", "side", "BUYER",
                "groups", List.of("proof", "no-such-group"))).post("/api/rooms/{r}/members", room.roomId)
                .then().statusCode(400);
        room.groupMember.api().body(Map.of("stage", "CLOSING")).patch("/api/rooms/{r}", room.roomId).then()
                .statusCode(403);

        assertEquals(before, room.seq());
        assertEquals(eventsBefore, events(room.roomId).size());
        room.owner.api().get("/api/rooms/{r}/members", room.roomId).then()
                .body("email", not(hasItem("new@example.test")));
    }

    @Test
    void aChangeRolledBackAfterItsEventTakesTheEventWithIt() throws Exception {
        Person owner = Person.random("seller");
        String roomId = DealRoomFixture.createRoom(owner, "Rollback room");
        Caller caller = new Caller("sub", Optional.of(owner.email()), owner.name());

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            rooms.update(caller, roomId, new UpdateRoomRequest(RoomStage.CLOSING, null, null));
            throw new IllegalStateException("the transaction fails after the event was appended");
        }));

        assertEquals(1, events(roomId).size());
        owner.api().get("/api/rooms/{r}", roomId).then()
                .body("seq", equalTo(1))
                .body("room.stage", equalTo("EVALUATION"));
        // The next change takes seq 2: the rolled-back one left no gap.
        owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", roomId).then().statusCode(200)
                .body("seq", equalTo(2));
    }

    @Test
    void concurrentWritersGetGaplessDistinctSeqs() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        long start = room.seq();
        int writes = 24;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                // each write changes something (a repeated change records nothing)
                String date = LocalDate.of(2027, 1, 1).plusDays(i).toString();
                DealRoomFixture target = room;
                results.add(pool.submit(() -> target.owner.api().body(Map.of("targetDecisionDate", date))
                        .patch("/api/rooms/{r}", target.roomId).statusCode()));
            }
            for (Future<Integer> result : results) {
                assertEquals(200, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> seqs = events(room.roomId).stream().map(Row::seq).toList();
        assertEquals(LongStream.rangeClosed(1, start + writes).boxed().toList(), seqs);
    }

    private List<Row> events(String roomId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select seq, type, group_id, actor_member_id, data from room_event where room_id = ? order by seq")) {
            query.setObject(1, UUID.fromString(roomId));
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    assertNotNull(result.getString("data"));
                    rows.add(new Row(result.getLong("seq"), result.getString("type"),
                            result.getObject("group_id", UUID.class), result.getObject("actor_member_id", UUID.class)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

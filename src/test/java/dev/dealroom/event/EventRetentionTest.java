package dev.dealroom.event;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;

/** Events past the retention are dropped; a client resuming from before them is told to resync. */
@QuarkusTest
class EventRetentionTest {

    @Inject
    EventRetention retention;

    @Test
    void resumingFromAPrunedSeqAsksForAResyncAndThenContinuesLive() {
        DealRoomFixture room = new DealRoomFixture();
        long last = room.seq();
        assertTrue(retention.pruneOlderThan(Instant.now()) >= last);

        room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId).then().statusCode(200)
                .body("resync", equalTo(true))
                .body("seq", equalTo((int) last));
        room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, last).then()
                .body("resync", equalTo(false))
                .body("events.size()", equalTo(0));

        try (LiveClient client = LiveClient.connect(room.owner, room.roomId, 2)) {
            assertEquals(last, ((Number) client.nextOfType("resync").get("seq")).longValue());
            client.nextOfType("ready");
            room.owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200).body("seq", equalTo((int) last + 1));
            assertEquals(last + 1, ((Number) client.nextOfType("room.updated").get("seq")).longValue());
        }
    }
}

package dev.dealroom.event.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A node tells the others of a room's new events only while another node holds connections to the room; this test
 * listens on the channels as another node would, and plays that node when it needs one.
 */
@QuarkusTest
class ClusterSignalsTest {

    @Inject
    DataSource dataSource;

    @Inject
    PresenceStore presence;

    private Connection listener;

    @BeforeEach
    void listen() throws SQLException {
        listener = dataSource.getConnection();
        listener.setAutoCommit(true);
        try (Statement statement = listener.createStatement()) {
            statement.execute("LISTEN " + ClusterSignals.EVENTS_CHANNEL);
            statement.execute("LISTEN " + ClusterSignals.PRESENCE_CHANNEL);
        }
    }

    @AfterEach
    void close() throws SQLException {
        listener.close();
    }

    @Test
    void aRoomNoOtherNodeHoldsIsNeverNotified() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of("body", "Kick-off")).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201);
        room.groupMember.api().body(Map.of("body", "Second")).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201);

        // A first connection to the room is announced on the presence channel, by the same sender and after
        // whatever events it had queued: whatever was notified for the posts arrives before the announcement.
        try (LiveClient client = LiveClient.connect(room.groupMember, room.roomId, room.seq())) {
            List<PGNotification> heard = until(ClusterSignals.PRESENCE_CHANNEL, room.roomId);
            assertFalse(heard.stream().anyMatch(n -> ClusterSignals.EVENTS_CHANNEL.equals(n.getName())
                    && n.getParameter().contains(room.roomId)), "no events notified: " + describe(heard));
        }
    }

    @Test
    void aRoomAnotherNodeHoldsIsNotifiedOnceWhenHeardOfThenAtEveryCommit() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        UUID otherNode = UUID.randomUUID();
        try (PreparedStatement hold = listener.prepareStatement("insert into presence (node_id, room_id, member_id,"
                + " seen_at) values (?, cast(? as uuid), cast(? as uuid), now())");
                PreparedStatement announce = listener.prepareStatement("select pg_notify(?, ?)")) {
            hold.setObject(1, otherNode);
            hold.setString(2, room.roomId);
            hold.setString(3, room.groupMemberId);
            hold.executeUpdate();
            announce.setString(1, ClusterSignals.PRESENCE_CHANNEL);
            announce.setString(2, otherNode + "|" + room.roomId);
            announce.execute();
        }
        try {
            // what this node committed before it heard is notified at once
            until(ClusterSignals.EVENTS_CHANNEL, room.roomId);

            room.groupMember.api().body(Map.of("body", "Kick-off"))
                    .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
            List<PGNotification> heard = until(ClusterSignals.EVENTS_CHANNEL, room.roomId);
            assertTrue(heard.get(heard.size() - 1).getParameter().contains(room.roomId));
        } finally {
            try (PreparedStatement leave = listener.prepareStatement("delete from presence where node_id = ?")) {
                leave.setObject(1, otherNode);
                assertEquals(1, leave.executeUpdate());
            }
        }
    }

    /**
     * Waiting for notifications is a blocking read; a timed one made the driver throw (and catch) a socket timeout
     * at every expiry, once a second for nothing. The listener now waits throwing nothing, still hears the other
     * nodes at once, and stops when asked.
     */
    @Test
    void theListenerWaitsWithoutThrowingHearsTheOtherNodesAndStops() throws Exception {
        Set<Thread> before = listeners();
        CountDownLatch listening = new CountDownLatch(1);
        CountDownLatch heard = new CountDownLatch(1);
        UUID roomId = UUID.randomUUID();
        ClusterSignals signals = new ClusterSignals(dataSource, presence);
        signals.start(room -> {
        }, room -> {
            if (room.equals(roomId)) {
                heard.countDown();
            }
        }, listening::countDown);
        assertTrue(listening.await(10, TimeUnit.SECONDS), "listening");
        Set<Thread> ours = listeners();
        ours.removeAll(before);
        assertEquals(1, ours.size(), "one more listening thread: " + ours);

        Path recorded = Files.createTempFile("listener", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaExceptionThrow");
            recording.start();
            Thread.sleep(2500); // the timed wait expired once a second
            recording.stop();
            recording.dump(recorded);
        }
        List<String> thrown = RecordingFile.readAllEvents(recorded).stream()
                .filter(event -> event.getThread() != null
                        && "dealroom-listen".equals(event.getThread().getJavaName()))
                .map(event -> event.getClass("thrownClass").getName() + ": " + event.getString("message")).toList();
        Files.delete(recorded);
        assertEquals(List.of(), thrown, "thrown by the waiting listeners");

        try (PreparedStatement announce = listener.prepareStatement("select pg_notify(?, ?)")) {
            announce.setString(1, ClusterSignals.PRESENCE_CHANNEL);
            announce.setString(2, UUID.randomUUID() + "|" + roomId);
            announce.execute();
        }
        assertTrue(heard.await(5, TimeUnit.SECONDS), "another node's presence heard");
        signals.stop();
        Thread thread = ours.iterator().next();
        thread.join(5000);
        assertFalse(thread.isAlive(), "the listener stopped");
    }

    private static Set<Thread> listeners() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("dealroom-listen"))
                .collect(Collectors.toSet());
    }

    /** The notifications heard until one on {@code channel} names the room (at most 20 s: then the test fails). */
    private List<PGNotification> until(String channel, String roomId) throws SQLException {
        PGConnection postgres = listener.unwrap(PGConnection.class);
        List<PGNotification> heard = new ArrayList<>();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            PGNotification[] some = postgres.getNotifications(500);
            if (some == null) {
                continue;
            }
            for (PGNotification notification : some) {
                heard.add(notification);
                if (channel.equals(notification.getName()) && notification.getParameter().contains(roomId)) {
                    return heard;
                }
            }
        }
        throw new AssertionError("Nothing on " + channel + " for room " + roomId + "; heard " + describe(heard));
    }

    private static String describe(List<PGNotification> heard) {
        return heard.stream().map(n -> n.getName() + ":" + n.getParameter()).toList().toString();
    }
}

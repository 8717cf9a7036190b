package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.SentMails;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** The product's meters at /q/metrics, read without a login as a Prometheus scraper reads them; the outbox's health. */
@QuarkusTest
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    DataSource dataSource;

    @Inject
    Emails emails;

    @Inject
    Outbox outbox;

    @Test
    void aPostAndItsLiveDeliveryMoveTheirMetersAndNoRoomIdIsExposed() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        String before = metrics();
        double posts = value(before, "dealroom_posts_written_total");
        double delivered = value(before, "dealroom_live_events_delivered_total");
        double sockets = value(before, "dealroom_live_sockets");

        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, seq)) {
            buyer.replay();
            awaitMetric("dealroom_live_sockets", open -> open == sockets + 1);

            room.decisionMaker.api().body(Map.of("body", "Counted")).post("/api/rooms/{r}/groups/proof/posts",
                    room.roomId).then().statusCode(201);
            buyer.nextOfType("post.created");

            awaitMetric("dealroom_posts_written_total", written -> written == posts + 1);
            awaitMetric("dealroom_live_events_delivered_total", sent -> sent == delivered + 1);
        }
        awaitMetric("dealroom_live_sockets", open -> open == sockets);

        String after = metrics();
        assertFalse(after.contains(room.roomId), "no room id in the metrics");
        assertFalse(after.contains(room.decisionMakerId), "no member id in the metrics");
        assertFalse(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-").matcher(after).find(),
                "no id of any kind in the metrics (paths are counted by their templates)");
        assertTrue(after.contains("jvm_memory_used_bytes"), "the framework's meters are there too");
        assertTrue(after.contains("agroal_active_count"), "and the connection pool's");
    }

    /**
     * An event committed on another node that died before its notification reaches this node's connections at the
     * next catch-up: until then delivery is behind the log by one event, and the drain lag says so.
     */
    @Test
    void theDrainLagCountsEventsTheLogHoldsThatTheConnectionsHaveNotBeenSent() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, room.seq())) {
            buyer.replay();
            awaitMetric("dealroom_live_drain_lag_events", lag -> lag == 0);
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement append = connection.prepareStatement("with bumped as ("
                            + " update room set last_seq = last_seq + 1 where id = ? returning id, last_seq)"
                            + " insert into room_event (room_id, seq, type, actor_name, at, data)"
                            + " select id, last_seq, 'room.updated', 'Another node', now(), '{\"stage\": \"CLOSING\"}'"
                            + " from bumped")) {
                append.setObject(1, UUID.fromString(room.roomId));
                assertEquals(1, append.executeUpdate());
            }
            awaitMetric("dealroom_live_drain_lag_events", lag -> lag >= 1);
            buyer.nextOfType("room.updated");
            awaitMetric("dealroom_live_drain_lag_events", lag -> lag == 0);
        }
    }

    @Test
    void emailsSentAndFailedAreCounted() {
        String to = "metrics-" + UUID.randomUUID() + "@example.test";
        String undeliverable = "undeliverable-" + UUID.randomUUID(); // the mock mailer refuses it, as SMTP would
        outbox.sendDue(); // what earlier tests queued is out of the way
        double sent = value(metrics(), "dealroom_emails_sent_total");
        double failed = value(metrics(), "dealroom_emails_failed_total");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                emails.queue(to, "Counted", "Sent");
                emails.queue(undeliverable, "Counted", "Refused");
            });
            outbox.sendDue();
            assertEquals(1, SentMails.to(to).size());
            awaitMetric("dealroom_emails_sent_total", count -> count == sent + 1);
            awaitMetric("dealroom_emails_failed_total", count -> count == failed + 1);
        } finally {
            deleteOutboxRowsTo(undeliverable);
        }
    }

    /**
     * An email queued two hours ago and still unsent shows in the outbox's meters and makes the readiness check report
     * the outbox stale, as data: the node stays ready (a mail server that refuses mail is no reason to take every node
     * out of the load balancer).
     */
    @Test
    void anOldUnsentEmailShowsInTheOutboxMetersAndAsStaleDataWhileTheNodeStaysReady() throws Exception {
        String to = "stuck-" + UUID.randomUUID() + "@example.test";
        try {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("insert into outbox"
                            + " (kind, to_address, subject, body, created_at, next_attempt_at, attempts)"
                            + " values ('email', ?, 'Stuck', 'Stuck', now() - interval '2 hours', now() + interval '1 day', 5)")) {
                insert.setString(1, to);
                assertEquals(1, insert.executeUpdate());
            }
            JsonPath ready = RestAssured.get("/q/health/ready").then().statusCode(200).extract().jsonPath();
            assertEquals("UP", ready.getString("status"));
            assertEquals("UP", ready.getString("checks.find { it.name == 'outbox' }.status"));
            assertEquals(Boolean.TRUE, ready.get("checks.find { it.name == 'outbox' }.data.stale"));
            assertTrue(ready.getInt("checks.find { it.name == 'outbox' }.data.pending") >= 1);
            assertTrue(ready.getLong("checks.find { it.name == 'outbox' }.data.oldestSeconds") >= 7200);
            assertTrue(ready.getList("checks.name").contains("Database connections health check"));

            awaitMetric("dealroom_outbox_depth", depth -> depth >= 1);
            awaitMetric("dealroom_outbox_oldest_age_seconds", age -> age >= 7200);
        } finally {
            deleteOutboxRowsTo(to);
        }
        JsonPath ready = RestAssured.get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals(Boolean.FALSE, ready.get("checks.find { it.name == 'outbox' }.data.stale"));
    }

    private void deleteOutboxRowsTo(String to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from outbox where to_address = ?")) {
            delete.setString(1, to);
            delete.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The metrics page, fetched without any credentials. */
    private static String metrics() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of a meter's samples (every tag combination), failing when the meter is absent. */
    private static double value(String page, String name) {
        List<String> samples = page.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{")).toList();
        if (samples.isEmpty()) {
            fail(name + " is not in /q/metrics");
        }
        return samples.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void awaitMetric(String name, DoublePredicate expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double last;
        do {
            last = value(metrics(), name);
            if (expected.test(last)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        fail(name + " is still " + last);
    }
}

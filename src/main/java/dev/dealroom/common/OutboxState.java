package dev.dealroom.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * How the outbox's emails stand, for operators: the metrics {@code dealroom_outbox_depth},
 * {@code dealroom_outbox_oldest_age_seconds} and {@code dealroom_outbox_given_up}, and the readiness check
 * ({@link OutboxHealth}). One small query, read at most once per {@link #FRESH} however many ask (a scrape reads
 * three gauges; several scrapers and the health probe may ask at once).
 */
@ApplicationScoped
public class OutboxState {

    /** How long one reading answers for. */
    static final Duration FRESH = Duration.ofSeconds(5);

    /**
     * @param pending  rows still to send (waiting, being sent, or waiting for a retry)
     * @param oldest   how long the oldest of them has been queued; zero when there is none
     * @param givenUp  rows given up after their last attempt, kept with their error
     */
    public record Reading(long pending, Duration oldest, long givenUp) {
    }

    private final DataSource dataSource;
    private volatile Reading last;
    private volatile long lastReadNanos;

    public OutboxState(DataSource dataSource) {
        this.dataSource = dataSource;
        this.lastReadNanos = System.nanoTime() - FRESH.toNanos() - 1; // the first scrape reads
    }

    void registerMeters(@Observes StartupEvent started, MeterRegistry registry) {
        gauge(registry, "dealroom.outbox.depth", null, "Emails queued and not yet sent", Reading::pending);
        gauge(registry, "dealroom.outbox.oldest.age", "seconds", "How long the oldest unsent email has waited",
                reading -> reading.oldest().toMillis() / 1000.0);
        gauge(registry, "dealroom.outbox.given.up", null, "Emails given up after their last attempt",
                Reading::givenUp);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
            ToDoubleFunction<Reading> value) {
        Gauge.builder(name, this, state -> state.recent(value)).baseUnit(unit).description(description)
                .strongReference(true).register(registry);
    }

    /**
     * A value of a reading at most {@link #FRESH} old; NaN (no sample) when the database could not be read, which is
     * not tried again before {@link #FRESH} either: a scrape must not wait for the pool's timeout three times.
     */
    private double recent(ToDoubleFunction<Reading> value) {
        if (System.nanoTime() - lastReadNanos > FRESH.toNanos()) {
            try {
                read();
            } catch (IllegalStateException e) {
                last = null;
                lastReadNanos = System.nanoTime();
            }
        }
        Reading reading = last;
        return reading == null ? Double.NaN : value.applyAsDouble(reading);
    }

    /** Reads the outbox now. */
    public Reading read() {
        // The one query about the outbox's table outside the outbox itself: adapt it here if the table changes.
        // The emails only: a webhook's receiver that is down is its room's concern, shown in its delivery log, and
        // its retries span a day; it must not read as the installation's mail being stuck.
        String sql = "select count(*) filter (where failed_at is null),"
                + " coalesce(extract(epoch from now() - min(created_at) filter (where failed_at is null)), 0),"
                + " count(*) filter (where failed_at is not null)"
                + " from outbox where kind = 'email'";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            row.next();
            Reading reading = new Reading(row.getLong(1), Duration.ofMillis(Math.round(row.getDouble(2) * 1000)),
                    row.getLong(3));
            last = reading;
            lastReadNanos = System.nanoTime();
            return reading;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the outbox", e);
        }
    }
}

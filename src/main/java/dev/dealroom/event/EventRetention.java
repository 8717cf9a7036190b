package dev.dealroom.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.dealroom.common.DealRoomConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Drops events older than {@code dealroom.events.retention}, when it is set (by default everything is kept).
 * A client that resumes from a dropped seq is told to resync; rooms' {@code last_seq} never moves back.
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);
    private static final int BATCH = 10_000;
    private static final Duration LONGEST_PAUSE = Duration.ofHours(1);

    private final DataSource dataSource;
    private final DealRoomConfig config;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public EventRetention(DataSource dataSource, DealRoomConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        config.events().retention().ifPresent(retention -> {
            long every = Math.max(1000, Math.min(retention.dividedBy(4).toMillis(), LONGEST_PAUSE.toMillis()));
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "dealroom-retention");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(() -> {
                try {
                    pruneOlderThan(clock.instant().minus(retention));
                } catch (RuntimeException e) {
                    LOG.warn("Pruning the event logs failed; retrying later", e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Deletes the events recorded before {@code cutoff}, in batches so no transaction grows large. */
    public long pruneOlderThan(Instant cutoff) {
        String sql = "delete from room_event where ctid in (select ctid from room_event where at < ? limit ?)";
        long deleted = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            delete.setInt(2, BATCH);
            int batch;
            do {
                batch = delete.executeUpdate();
                deleted += batch;
            } while (batch == BATCH);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prune the event logs", e);
        }
        if (deleted > 0) {
            LOG.infof("Dropped %d events recorded before %s", deleted, cutoff);
        }
        return deleted;
    }
}

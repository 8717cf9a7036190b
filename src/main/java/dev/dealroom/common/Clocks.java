package dev.dealroom.common;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one clock of the server: the system's time in {@code dealroom.time-zone}. Rules that depend on the time
 * ("today", overdue, how long ago) take it injected, never {@code LocalDate.now()} or SQL's {@code current_date},
 * so that they agree with each other and tests can replace it. It ticks in microseconds, as PostgreSQL keeps
 * time: an instant the server answers is the one a later read gives back.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    Clock clock(DealRoomConfig config) {
        return system(config.timeZone());
    }

    /** The system's time in a zone, to the microsecond. */
    public static Clock system(ZoneId zone) {
        return Clock.tick(Clock.system(zone), Duration.ofNanos(1_000));
    }
}

package dev.dealroom.common;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one clock of the server: the system's time in {@code dealroom.time-zone}. Rules that depend on the time
 * ("today", overdue, how long ago) take it injected, never {@code LocalDate.now()} or SQL's {@code current_date},
 * so that they agree with each other and tests can replace it.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    Clock clock(DealRoomConfig config) {
        return Clock.system(config.timeZone());
    }
}

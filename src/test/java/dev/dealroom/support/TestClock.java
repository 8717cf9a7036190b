package dev.dealroom.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import dev.dealroom.common.Clocks;
import dev.dealroom.common.DealRoomConfig;

/**
 * The server's clock in tests, in place of {@code common.Clocks}: the system's time in the configured zone until
 * a test {@link #fix fixes} it (at an instant, in a zone of its choosing) or {@link #advance advances} it. A test
 * that moves it puts it back with {@link #reset} when it ends.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private final Clock system;
    private volatile Clock current;

    public TestClock(DealRoomConfig config) {
        this.system = Clocks.system(config.timeZone());
        this.current = system;
    }

    /** From now on, the time is {@code instant}, in {@code zone}, until advanced or reset. */
    public void fix(Instant instant, ZoneId zone) {
        current = Clock.fixed(instant, zone);
    }

    /** Moves the time forward (it stands still otherwise, once fixed). */
    public void advance(Duration duration) {
        current = Clock.offset(current, duration);
    }

    public void reset() {
        current = system;
    }

    @Override
    public ZoneId getZone() {
        return current.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return current.withZone(zone);
    }

    @Override
    public Instant instant() {
        return current.instant();
    }
}

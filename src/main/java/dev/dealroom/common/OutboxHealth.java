package dev.dealroom.common;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox in {@code /q/health/ready}: how many emails wait, how long the oldest has, how many were given up,
 * and whether the oldest is older than {@code dealroom.health.outbox-stale-after} ({@code stale}).
 *
 * <p>A stale outbox leaves the check UP. Readiness takes a node out of the load balancer; every node shares the one
 * outbox, so a mail server that refuses mail would take all of them out together, and the product, which answers
 * without waiting for mail, would go down for nothing. A stale outbox is for an alert (on {@code stale} here or on
 * {@code dealroom_outbox_oldest_age_seconds}); only a node that cannot read its database is not ready.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    private final OutboxState outbox;
    private final DealRoomConfig config;

    public OutboxHealth(OutboxState outbox, DealRoomConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        OutboxState.Reading reading;
        try {
            reading = outbox.read();
        } catch (IllegalStateException e) {
            return response.down().build();
        }
        return response.up()
                .withData("pending", reading.pending())
                .withData("oldestSeconds", reading.oldest().toSeconds())
                .withData("givenUp", reading.givenUp())
                .withData("stale", reading.oldest().compareTo(config.health().outboxStaleAfter()) > 0)
                .build();
    }
}

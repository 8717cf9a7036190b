package dev.dealroom.common;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Sends the outbox's emails ({@link Emails} queues them) through the mailer. A sent email's row is deleted; a failed
 * one is tried again after a minute, doubling up to an hour, {@code dealroom.outbox.max-attempts} times.
 */
@ApplicationScoped
class MailCourier implements Courier {

    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final Mailer mailer;
    private final DealRoomConfig config;
    private final Counter sent;
    private final Counter failures;

    MailCourier(Mailer mailer, DealRoomConfig config, MeterRegistry registry) {
        this.mailer = mailer;
        this.config = config;
        this.sent = Counter.builder("dealroom.emails.sent").description("Emails sent").register(registry);
        this.failures = Counter.builder("dealroom.emails.failed")
                .description("Attempts to send an email that failed (each is retried or, the last, given up)")
                .register(registry);
    }

    @Override
    public String kind() {
        return Emails.KIND;
    }

    @Override
    public Result send(Parcel email) {
        try {
            mailer.send(Mail.withText(email.toAddress(), email.subject(), email.body()));
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        }
        sent.increment();
        return Result.delivered(null);
    }

    @Override
    public int maxAttempts() {
        return config.outbox().maxAttempts();
    }

    @Override
    public Duration firstWait() {
        return FIRST_WAIT;
    }

    @Override
    public Duration longestWait() {
        return LONGEST_WAIT;
    }

    @Override
    public boolean keepsDelivered() {
        return false;
    }

    @Override
    public String describe(Parcel email) {
        return "An email to " + email.toAddress() + " (" + email.subject() + ")";
    }
}

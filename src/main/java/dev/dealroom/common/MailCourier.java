package dev.dealroom.common;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

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

    MailCourier(Mailer mailer, DealRoomConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    @Override
    public String kind() {
        return Emails.KIND;
    }

    @Override
    public Result send(Parcel email) {
        mailer.send(Mail.withText(email.toAddress(), email.subject(), email.body()));
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

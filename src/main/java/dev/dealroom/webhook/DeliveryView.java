package dev.dealroom.webhook;

import java.time.Instant;

/**
 * One delivery of a subscription's log: which event, how its attempts went. Never the event's content.
 *
 * @param id            the {@code webhook-id} header it is sent with, the same on every attempt and redelivery
 * @param lastStatus    the receiver's last HTTP status, if it answered
 * @param lastError     why the last attempt failed, cut to 1000 characters
 * @param nextAttemptAt when it is tried next, while it is neither delivered nor given up
 * @param failedAt      when it was given up after its last attempt
 */
public record DeliveryView(String id, long eventSeq, String eventType, int attempts, Integer lastStatus,
        String lastError, Instant nextAttemptAt, Instant deliveredAt, Instant failedAt, Instant createdAt) {
}

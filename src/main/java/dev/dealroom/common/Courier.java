package dev.dealroom.common;

import java.time.Duration;
import java.util.UUID;

/**
 * One kind of row the {@link Outbox} carries ({@code outbox.kind}): how it is sent, how long to wait after a failed
 * attempt, and whether a sent row stays. The outbox claims, retries and gives up the same way for every kind.
 */
public interface Courier {

    /** The {@code outbox.kind} this courier sends. */
    String kind();

    /** Sends one row, on the outbox's thread and outside any transaction. */
    Result send(Parcel parcel);

    /** Attempts of a row before it is given up. */
    int maxAttempts();

    /** The wait after a row's first failed attempt; it doubles after each further failure. */
    Duration firstWait();

    /** The longest wait between two attempts. */
    Duration longestWait();

    /**
     * Whether a sent row stays, marked delivered (a log its owners read), rather than being deleted.
     */
    boolean keepsDelivered();

    /** The row in a log line: who it was for, never its content. */
    String describe(Parcel parcel);

    /**
     * A row claimed for sending; {@code attempts} counts this one. The columns of the other kinds are null.
     *
     * @param body an email's text, or a webhook delivery's JSON body
     */
    record Parcel(long id, String kind, int attempts, String toAddress, String subject, String body, UUID webhookId,
            UUID roomId, Long eventSeq, String eventType, String messageId) {
    }

    /**
     * What an attempt came to.
     *
     * @param status the receiver's HTTP status, if it answered
     * @param error  why it failed; null when delivered
     * @param giveUp whether to give it up now, whatever attempts are left (nothing a retry could change)
     */
    record Result(boolean delivered, Integer status, String error, boolean giveUp) {

        public static Result delivered(Integer status) {
            return new Result(true, status, null, false);
        }

        public static Result failed(Integer status, String error) {
            return new Result(false, status, error, false);
        }

        public static Result givenUp(String error) {
            return new Result(false, null, error, true);
        }
    }
}

package dev.dealroom.progress;

import java.time.Instant;

/**
 * The owner is told that a key buyer has gone quiet, or is back.
 *
 * @param memberId  the owner, who receives it (and nobody else)
 * @param buyerId   the key buyer it is about
 * @param kind      {@code QUIET}: no visit for {@code dealroom.engagement.quiet-after}; {@code BACK}: a visit again
 *                  after such an alert
 * @param lastVisit their last visit before the alert (for {@code BACK}, the one before they came back)
 * @param days      whole days from that visit to the alert
 */
public record EngagementAlert(String memberId, String buyerId, String buyerName, String buyerTitle, Kind kind,
        Instant lastVisit, long days) {

    public enum Kind {
        QUIET, BACK
    }
}

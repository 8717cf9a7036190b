package dev.dealroom.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One room on the salesperson's home screen.
 *
 * @param nextMilestone     the soonest open milestone's date among the caller's figures
 * @param lastBuyerActivity the newest event made by a buyer-side member
 * @param closedAt          in the archive, when the deal was declared won or lost; null for an open room
 * @param closeReason       in the archive, why, for the seller's side; null otherwise
 */
public record PipelineItem(String roomId, String name, String prospectAccount, String stage, String status,
        BigDecimal amount, String currency, LocalDate targetDecisionDate, ProgressView.Verdict health,
        int healthReasons, LocalDate nextMilestone, Instant lastBuyerActivity, Instant closedAt, String closeReason) {
}

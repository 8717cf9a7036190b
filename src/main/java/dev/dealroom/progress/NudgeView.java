package dev.dealroom.progress;

import java.time.Instant;

/**
 * A nudge, as its sender and the nudged member see it.
 *
 * @param count how many overdue tasks or unseen key updates the member had when nudged
 */
public record NudgeView(String id, String memberId, NudgeTopic topic, String byMemberId, int count,
        Instant createdAt) {
}

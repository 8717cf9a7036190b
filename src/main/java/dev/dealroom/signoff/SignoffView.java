package dev.dealroom.signoff;

import java.time.Instant;
import java.util.List;

/**
 * A sign-off as the group's members see it.
 *
 * @param status    {@code REQUESTED} while open; {@code APPROVED} once every approver approved, {@code REJECTED}
 *                  once one rejected, {@code WITHDRAWN} if its author withdrew it
 * @param approvers each approver's decision (null while pending)
 */
public record SignoffView(String id, String groupId, String title, String description, String authorId,
        SignoffStatus status, List<ApproverView> approvers, Instant createdAt, Instant closedAt) {

    public record ApproverView(String memberId, Decision decision, String comment, Instant decidedAt) {
    }
}

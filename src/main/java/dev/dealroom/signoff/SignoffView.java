package dev.dealroom.signoff;

import java.time.Instant;
import java.util.List;

/**
 * A sign-off as the group's members see it.
 *
 * @param status    {@code REQUESTED} while open; {@code APPROVED} once every approver approved, {@code REJECTED}
 *                  once one rejected, {@code WITHDRAWN} if its author withdrew it
 * @param approvers each approver's decision (null while pending)
 * @param clientId  the id its author's client requested it with, in the create's answer (and a retry's) and in
 *                  {@code signoff.requested}; null elsewhere
 */
public record SignoffView(String id, String groupId, String title, String description, String authorId,
        SignoffStatus status, List<ApproverView> approvers, Instant createdAt, Instant closedAt, String clientId) {

    /** The same sign-off, as the answer to the request made with {@code clientId}. */
    public SignoffView withClientId(String clientId) {
        return new SignoffView(id, groupId, title, description, authorId, status, approvers, createdAt, closedAt,
                clientId);
    }

    public record ApproverView(String memberId, Decision decision, String comment, Instant decidedAt) {
    }
}

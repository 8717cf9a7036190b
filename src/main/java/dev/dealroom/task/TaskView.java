package dev.dealroom.task;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A task as the group's members see it.
 *
 * @param ownerId the member who owes it, or null while unassigned
 * @param overdue due before today and not done
 */
public record TaskView(String id, String groupId, String title, String description, String ownerId,
        LocalDate dueDate, TaskStatus status, String blockedReason, boolean milestone, int position, boolean overdue,
        String createdBy, Instant createdAt, Instant updatedAt) {
}

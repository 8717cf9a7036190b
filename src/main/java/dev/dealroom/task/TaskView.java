package dev.dealroom.task;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A task as the group's members see it.
 *
 * @param ownerId the member who owes it, or null while unassigned
 * @param overdue  due before today and not done
 * @param position its place in the group's order (ascending)
 * @param clientId the id its creator's client created it with, in the create's answer (and a retry's) and in
 *                 {@code task.created}; null elsewhere
 */
public record TaskView(String id, String groupId, String title, String description, String ownerId,
        LocalDate dueDate, TaskStatus status, String blockedReason, boolean milestone, int position, boolean overdue,
        String createdBy, Instant createdAt, Instant updatedAt, String clientId) {

    /** The same task, as the answer to the create made with {@code clientId}. */
    public TaskView withClientId(String clientId) {
        return new TaskView(id, groupId, title, description, ownerId, dueDate, status, blockedReason, milestone,
                position, overdue, createdBy, createdAt, updatedAt, clientId);
    }
}

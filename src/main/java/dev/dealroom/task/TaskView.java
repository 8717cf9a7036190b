package dev.dealroom.task;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A task as the group's members see it.
 *
 * @param ownerId        the member who owes it, or null while unassigned
 * @param dueDate        the date it is due: its own, or the one its rule gives today
 * @param overdue        due before today and not done
 * @param position       its place in the group's order (ascending)
 * @param dueKind        how its due date is set ({@link DueKind})
 * @param dueDays        the rule's N, null for {@link DueKind#ABSOLUTE}
 * @param dueAfterTaskId the task of the same group it follows ({@link DueKind#AFTER_TASK}), else null
 * @param projectedDate  for a milestone: the latest due date among itself and the not-done tasks leading to it; null
 *                       for other tasks
 * @param rollup         for a milestone: where it stands with the tasks leading to it ({@link Rollup}); null for
 *                       other tasks
 * @param signoffToRequest stands for a sign-off to request (from a template): the page offers to ask for it, with
 *                       approvers someone picks
 * @param clientId       the id its creator's client created it with, in the create's answer (and a retry's) and in
 *                       {@code task.created}; null elsewhere
 */
public record TaskView(String id, String groupId, String title, String description, String ownerId,
        LocalDate dueDate, TaskStatus status, String blockedReason, boolean milestone, int position, boolean overdue,
        String createdBy, Instant createdAt, Instant updatedAt, DueKind dueKind, Integer dueDays,
        String dueAfterTaskId, LocalDate projectedDate, Rollup rollup, boolean signoffToRequest, String clientId) {

    /** The same task, as the answer to the create made with {@code clientId}. */
    public TaskView withClientId(String clientId) {
        return new TaskView(id, groupId, title, description, ownerId, dueDate, status, blockedReason, milestone,
                position, overdue, createdBy, createdAt, updatedAt, dueKind, dueDays, dueAfterTaskId, projectedDate,
                rollup, signoffToRequest, clientId);
    }
}

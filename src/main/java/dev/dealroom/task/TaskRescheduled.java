package dev.dealroom.task;

import java.time.LocalDate;

/**
 * Payload of {@code task.rescheduled}: a task whose due date its rule moved.
 *
 * @param taskId          the task
 * @param dueDate         its new due date (null when its rule gives none now)
 * @param previousDueDate the one it had
 * @param cause           why it moved
 * @param causeTaskId     the task whose change moved it (same group), null for {@link RescheduleCause#DECISION_DATE_MOVED}
 * @param task            the task after the change
 */
public record TaskRescheduled(String taskId, LocalDate dueDate, LocalDate previousDueDate, RescheduleCause cause,
        String causeTaskId, TaskView task) {
}

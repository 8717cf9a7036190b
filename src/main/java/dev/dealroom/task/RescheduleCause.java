package dev.dealroom.task;

/** Why a task's due date moved by itself ({@code task.rescheduled}'s {@code cause}). */
public enum RescheduleCause {
    /** The room's target decision date moved. */
    DECISION_DATE_MOVED,
    /** The task it follows ({@code causeTaskId}) was marked done. */
    TASK_DONE,
    /** The task it follows ({@code causeTaskId}) was reopened. */
    TASK_REOPENED,
    /** The task it follows ({@code causeTaskId}) got another due date or due rule. */
    TASK_DATE_CHANGED
}

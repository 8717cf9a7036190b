package dev.dealroom.task;

/**
 * How a task's due date is set. Every kind but {@link #ABSOLUTE} takes a number of days N (0 to 3650); the date is
 * kept in the task's {@code dueDate} and moved (with a {@code task.rescheduled} event) whenever what it depends on
 * moves.
 */
public enum DueKind {
    /** A date of its own ({@code dueDate}); what a request that sends only {@code dueDate} sets. */
    ABSOLUTE,
    /** N days after the day the room was opened. */
    AFTER_ROOM_OPENED,
    /** N days before the room's target decision date: moves when that date moves. */
    BEFORE_DECISION,
    /**
     * N days after another task of the same group ({@code dueAfterTaskId}) is done; while that one is not done, N days
     * after its due date (none when it has none). Moves when that task is done, reopened or rescheduled.
     */
    AFTER_TASK
}

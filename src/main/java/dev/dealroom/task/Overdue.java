package dev.dealroom.task;

import java.time.LocalDate;

/**
 * The one rule of lateness: a task is overdue when it has a due date before today and is not done. "Today" is
 * the date of the injected {@link java.time.Clock} (in {@code dealroom.time-zone}); queries get it as a
 * parameter, never from the database's {@code current_date}.
 */
public final class Overdue {

    private Overdue() {
    }

    public static boolean isOverdue(LocalDate dueDate, TaskStatus status, LocalDate today) {
        return dueDate != null && dueDate.isBefore(today) && status != TaskStatus.DONE;
    }

    /**
     * The same rule as a condition on the {@code task} table's columns, for aggregate queries.
     *
     * @param today the query's parameter that holds today's date, e.g. {@code "?2"}
     */
    public static String sql(String today) {
        return "(due_date < " + today + " and status <> '" + TaskStatus.DONE.name() + "')";
    }
}

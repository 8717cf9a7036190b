package dev.dealroom.task;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.MultiLine;
import dev.dealroom.common.Visible;

/**
 * Adds a task to the group's part of the plan; it starts as {@code TODO}, last in the group's order. Its due date is
 * {@code dueDate}, or the one a rule gives ({@code dueKind} with {@code dueDays}, and {@code dueAfterTaskId} for
 * {@link DueKind#AFTER_TASK}).
 *
 * @param ownerId        a member of the group who owes it
 * @param dueKind        how the due date is set; left out, {@code dueDate} (if any) is the task's own date
 * @param dueDays        the rule's N, 0 to 3650 days; for every kind but {@link DueKind#ABSOLUTE}
 * @param dueAfterTaskId the task of the same group this one follows, for {@link DueKind#AFTER_TASK}
 * @param clientId       the client's id for this task: a retry with it returns the original
 */
public record CreateTaskRequest(
        @NotNull @Visible @SingleLine @Size(max = 200) String title,
        @MultiLine @Size(max = 5000) String description,
        @SingleLine @Size(max = 64) String ownerId,
        LocalDate dueDate,
        Boolean milestone,
        @SingleLine String clientId,
        DueKind dueKind,
        @Min(0) @Max(3650) Integer dueDays,
        @SingleLine @Size(max = 64) String dueAfterTaskId) {

    public CreateTaskRequest(String title, String description, String ownerId, LocalDate dueDate, Boolean milestone,
            String clientId) {
        this(title, description, ownerId, dueDate, milestone, clientId, null, null, null);
    }
}

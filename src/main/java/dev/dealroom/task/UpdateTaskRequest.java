package dev.dealroom.task;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.MultiLine;
import dev.dealroom.common.Visible;

/**
 * Changes a task; fields left out (or null) stay as they are. {@code BLOCKED} needs a {@code blockedReason}.
 * The task's owner, the room owner and the decision-makers may change it. A {@code dueDate} alone makes it the task's
 * own date ({@link DueKind#ABSOLUTE}); {@code dueKind} (with {@code dueDays}, and {@code dueAfterTaskId} for
 * {@link DueKind#AFTER_TASK}) gives it a rule instead. {@code dueKind} ABSOLUTE without a date keeps the date the rule
 * gave.
 */
public record UpdateTaskRequest(
        @Visible @SingleLine @Size(max = 200) String title,
        @MultiLine @Size(max = 5000) String description,
        @SingleLine @Size(max = 64) String ownerId,
        LocalDate dueDate,
        TaskStatus status,
        @MultiLine @Size(max = 500) String blockedReason,
        Boolean milestone,
        @Min(0) Integer position,
        DueKind dueKind,
        @Min(0) @Max(3650) Integer dueDays,
        @SingleLine @Size(max = 64) String dueAfterTaskId) {

    public UpdateTaskRequest(String title, String description, String ownerId, LocalDate dueDate, TaskStatus status,
            String blockedReason, Boolean milestone, Integer position) {
        this(title, description, ownerId, dueDate, status, blockedReason, milestone, position, null, null, null);
    }

    boolean isEmpty() {
        return title == null && description == null && ownerId == null && dueDate == null && status == null
                && blockedReason == null && milestone == null && position == null && dueKind == null
                && dueDays == null && dueAfterTaskId == null;
    }

    /** Whether it asks for another due date or rule. */
    boolean touchesDue() {
        return dueDate != null || dueKind != null || dueDays != null || dueAfterTaskId != null;
    }
}

package dev.dealroom.task;

import java.time.LocalDate;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.MultiLine;
import dev.dealroom.common.Visible;

/**
 * Changes a task; fields left out (or null) stay as they are. {@code BLOCKED} needs a {@code blockedReason}.
 * The task's owner, the room owner and the decision-makers may change it.
 */
public record UpdateTaskRequest(
        @Visible @SingleLine @Size(max = 200) String title,
        @MultiLine @Size(max = 5000) String description,
        @SingleLine @Size(max = 64) String ownerId,
        LocalDate dueDate,
        TaskStatus status,
        @MultiLine @Size(max = 500) String blockedReason,
        Boolean milestone,
        @Min(0) Integer position) {

    boolean isEmpty() {
        return title == null && description == null && ownerId == null && dueDate == null && status == null
                && blockedReason == null && milestone == null && position == null;
    }
}

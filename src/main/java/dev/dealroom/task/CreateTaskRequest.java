package dev.dealroom.task;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.MultiLine;
import dev.dealroom.common.Visible;

/**
 * Adds a task to the group's part of the plan; it starts as {@code TODO}, last in the group's order.
 *
 * @param ownerId  a member of the group who owes it
 * @param clientId the client's id for this task: a retry with it returns the original
 */
public record CreateTaskRequest(
        @NotNull @Visible @SingleLine @Size(max = 200) String title,
        @MultiLine @Size(max = 5000) String description,
        @SingleLine @Size(max = 64) String ownerId,
        LocalDate dueDate,
        Boolean milestone,
        @SingleLine String clientId) {
}

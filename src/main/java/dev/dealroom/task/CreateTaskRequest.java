package dev.dealroom.task;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Adds a task to the group's part of the plan; it starts as {@code TODO}, last in the group's order.
 *
 * @param ownerId  a member of the group who owes it
 * @param clientId the client's id for this task: a retry with it returns the original
 */
public record CreateTaskRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 5000) String description,
        @Size(max = 64) String ownerId,
        LocalDate dueDate,
        Boolean milestone,
        String clientId) {
}

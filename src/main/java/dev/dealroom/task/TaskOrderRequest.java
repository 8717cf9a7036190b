package dev.dealroom.task;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;

/**
 * Puts a group's tasks in a new order: every task of the group, once each, first first. A list that misses a
 * task (one added meanwhile, say) or names another is refused, so nobody reorders a plan they have not seen.
 */
public record TaskOrderRequest(
        @NotNull @Size(max = TaskOrderRequest.MAX_TASKS) List<@NotBlank @SingleLine @Size(max = 64) String> taskIds) {

    /** The most tasks one group's plan is reordered in one request. */
    public static final int MAX_TASKS = 1000;
}

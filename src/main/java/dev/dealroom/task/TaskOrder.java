package dev.dealroom.task;

import java.util.List;

/** Payload of {@code task.reordered}: the group's task ids in their new order, first first. */
public record TaskOrder(List<String> taskIds) {
}

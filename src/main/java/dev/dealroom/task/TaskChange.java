package dev.dealroom.task;

import java.util.List;

/** Payload of {@code task.updated}: the task after the change, and which fields changed. */
public record TaskChange(TaskView task, List<String> changed) {
}

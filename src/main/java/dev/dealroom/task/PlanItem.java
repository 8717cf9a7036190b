package dev.dealroom.task;

/** One line of the room-wide plan: a task and the group it belongs to. */
public record PlanItem(String groupName, TaskView task) {
}

package dev.dealroom.task;

import java.util.Map;
import java.util.Set;

/**
 * Where a task of the mutual action plan stands, and where it may go from there: a blocked task is unblocked
 * before it is done, and a done task is reopened into progress.
 */
public enum TaskStatus {
    TODO, IN_PROGRESS, BLOCKED, DONE;

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = Map.of(
            TODO, Set.of(IN_PROGRESS, BLOCKED, DONE),
            IN_PROGRESS, Set.of(TODO, BLOCKED, DONE),
            BLOCKED, Set.of(TODO, IN_PROGRESS),
            DONE, Set.of(IN_PROGRESS));

    public boolean canMoveTo(TaskStatus next) {
        return NEXT.get(this).contains(next);
    }
}

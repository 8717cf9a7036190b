package dev.dealroom.task;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a task of the mutual action plan stands, and where it may go from there: a blocked task is unblocked
 * before it is done, and a done task is reopened into progress. This table is the only copy of the rule: the
 * web page's ({@code TASK_TRANSITIONS} in {@code frontend/src/events.generated.js}) and the API document's
 * ({@link TaskStatusDocumentation}) are generated from it.
 */
public enum TaskStatus {
    TODO, IN_PROGRESS, BLOCKED, DONE;

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = new EnumMap<>(Map.of(
            TODO, EnumSet.of(IN_PROGRESS, BLOCKED, DONE),
            IN_PROGRESS, EnumSet.of(TODO, BLOCKED, DONE),
            BLOCKED, EnumSet.of(TODO, IN_PROGRESS),
            DONE, EnumSet.of(IN_PROGRESS)));

    public boolean canMoveTo(TaskStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The statuses a task in this one may move to, in declaration order. */
    public Set<TaskStatus> next() {
        return Collections.unmodifiableSet(NEXT.get(this));
    }
}

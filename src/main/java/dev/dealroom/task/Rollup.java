package dev.dealroom.task;

/**
 * Where a milestone stands, rolled up from the tasks that lead to it (the tasks it follows, transitively). The first
 * that applies:
 * <ol>
 * <li>{@link #DONE}: the milestone and every leading task are done;</li>
 * <li>{@link #BLOCKED}: the milestone or a leading task is blocked;</li>
 * <li>{@link #LATE}: the milestone or a leading task is overdue, or the projected date is after the milestone's own
 * due date;</li>
 * <li>{@link #ON_TRACK}: otherwise.</li>
 * </ol>
 */
public enum Rollup {
    ON_TRACK, LATE, BLOCKED, DONE
}

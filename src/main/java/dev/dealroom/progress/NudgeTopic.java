package dev.dealroom.progress;

/** What a nudge is about. */
public enum NudgeTopic {
    OVERDUE_TASKS, UNSEEN_UPDATES
}

package dev.dealroom.colleague;

/** What the owner or a decision-maker decides on a colleague request. */
public enum ColleagueDecision {
    APPROVED, DECLINED
}

package dev.dealroom.colleague;

/** Where a colleague request stands: pending until decided or withdrawn, then closed for good. */
public enum ColleagueRequestStatus {
    PENDING, APPROVED, DECLINED, WITHDRAWN
}

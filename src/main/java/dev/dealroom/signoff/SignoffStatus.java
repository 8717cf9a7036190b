package dev.dealroom.signoff;

/** A sign-off is open until every approver approves, one rejects, or its author withdraws it. */
public enum SignoffStatus {
    REQUESTED, APPROVED, REJECTED, WITHDRAWN
}

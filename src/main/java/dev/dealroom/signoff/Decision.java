package dev.dealroom.signoff;

/** What one approver says. */
public enum Decision {
    APPROVED, REJECTED
}

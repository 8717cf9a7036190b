package dev.dealroom.invitation;

public enum InvitationStatus {
    OPEN, CLAIMED, EXPIRED, REVOKED
}

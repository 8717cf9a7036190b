package dev.dealroom.invitation;

import java.time.Instant;

/** Fired inside the transaction that issues an invitation; the mail goes out once it has committed. */
record InvitationIssued(String email, String inviteeName, String inviterName, String roomName, String link,
        Instant expiresAt) {
}

package dev.dealroom.invitation;

import java.time.Instant;

/** Fired inside the transaction that issues an invitation, which queues its mail; the mail goes out once it commits. */
record InvitationIssued(String email, String inviteeName, String inviterName, String roomName, String link,
        Instant expiresAt) {
}

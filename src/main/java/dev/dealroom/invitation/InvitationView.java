package dev.dealroom.invitation;

import java.time.Instant;

/** An invitation as the room's members see it; never its token. */
public record InvitationView(String id, String memberId, String email, InvitationStatus status, String invitedBy,
        Instant createdAt, Instant expiresAt, Instant claimedAt, Instant revokedAt) {

    static InvitationView of(Invitation invitation, Instant now) {
        return new InvitationView(invitation.id.toString(), invitation.memberId.toString(), invitation.email,
                invitation.status(now), invitation.invitedBy == null ? null : invitation.invitedBy.toString(),
                invitation.createdAt, invitation.expiresAt, invitation.claimedAt, invitation.revokedAt);
    }
}

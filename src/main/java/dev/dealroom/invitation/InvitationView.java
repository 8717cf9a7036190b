package dev.dealroom.invitation;

import java.time.Instant;

/**
 * An invitation as the room's members see it; never its token.
 *
 * @param status       the link's state
 * @param memberJoined whether the member has joined the room, with this link or without it (see
 *                     {@code InvitationService}): a member who joined needs no new link
 */
public record InvitationView(String id, String memberId, String email, InvitationStatus status, String invitedBy,
        Instant createdAt, Instant expiresAt, Instant claimedAt, Instant revokedAt, boolean memberJoined) {

    static InvitationView of(Invitation invitation, Instant now, boolean memberJoined) {
        return new InvitationView(invitation.id.toString(), invitation.memberId.toString(), invitation.email,
                invitation.status(now), invitation.invitedBy == null ? null : invitation.invitedBy.toString(),
                invitation.createdAt, invitation.expiresAt, invitation.claimedAt, invitation.revokedAt,
                memberJoined || invitation.claimedAt != null);
    }
}

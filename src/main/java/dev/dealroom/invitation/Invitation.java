package dev.dealroom.invitation;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A link that brings one added member into their room, once, before it expires. Only its hash is kept. */
@Entity
@Table(name = "invitation")
public class Invitation {

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    /** Lower-cased; the verified email a login must have to use the link. */
    @Column(nullable = false, length = 254)
    public String email;

    @Column(name = "token_hash", nullable = false, length = 64)
    public String tokenHash;

    @Column(name = "invited_by")
    public UUID invitedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    /** The {@code sub} of the login that used it. */
    @Column(name = "claimed_by", length = 255)
    public String claimedBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    InvitationStatus status(Instant now) {
        if (claimedAt != null) {
            return InvitationStatus.CLAIMED;
        }
        if (revokedAt != null) {
            return InvitationStatus.REVOKED;
        }
        return expiresAt.isAfter(now) ? InvitationStatus.OPEN : InvitationStatus.EXPIRED;
    }
}

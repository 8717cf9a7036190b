package dev.dealroom.signoff;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One approver of a sign-off and what they decided. */
@Entity
@Table(name = "signoff_approver")
@IdClass(SignoffApprover.Key.class)
public class SignoffApprover {

    @Id
    @Column(name = "signoff_id")
    public UUID signoffId;

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public Decision decision;

    @Column(length = 2000)
    public String comment;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public record Key(UUID signoffId, UUID memberId) implements Serializable {
    }
}

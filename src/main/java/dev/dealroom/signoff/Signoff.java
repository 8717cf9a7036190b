package dev.dealroom.signoff;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import dev.dealroom.common.GroupContent;

/** A decision asked of named approvers in a group. */
@Entity
@Table(name = "signoff")
public class Signoff extends GroupContent {

    @Column(nullable = false, length = 200)
    public String title;

    @Column(length = 5000)
    public String description;

    @Column(name = "author_member_id", nullable = false)
    public UUID authorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public SignoffStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "closed_at")
    public Instant closedAt;
}

package dev.dealroom.colleague;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A buyer's request to bring a colleague into the room, and what became of it. */
@Entity
@Table(name = "colleague_request")
public class ColleagueRequest {

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    @Column(name = "requester_id", nullable = false)
    public UUID requesterId;

    /** Lower-cased. */
    @Column(nullable = false, length = 254)
    public String email;

    @Column(nullable = false, length = 200)
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "group_ids", nullable = false)
    public UUID[] groupIds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ColleagueRequestStatus status;

    @Column(length = 1000)
    public String reason;

    @Column(name = "decided_by")
    public UUID decidedBy;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;
}

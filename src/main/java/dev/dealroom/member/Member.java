package dev.dealroom.member;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person in a room, matched to logins by verified email. */
@Entity
@Table(name = "member")
public class Member {

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    /** Lower-cased. */
    @Column(nullable = false, length = 254)
    public String email;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Side side;

    @Column(length = 200)
    public String title;

    @Column(name = "decision_maker", nullable = false)
    public boolean decisionMaker;

    @Column(nullable = false)
    public boolean owner;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;
}

package dev.dealroom.group;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An ad hoc social group inside a room. */
@Entity
@Table(name = "room_group")
public class RoomGroup {

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    /** The stable key of a default group; null for groups people add. */
    @Column(length = 64)
    public String key;

    @Column(nullable = false, length = 100)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public GroupKind kind;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}

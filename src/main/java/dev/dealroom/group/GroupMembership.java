package dev.dealroom.group;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A member's place in a group: the row that makes the group's content visible to them. */
@Entity
@Table(name = "group_member")
@IdClass(GroupMembership.Key.class)
public class GroupMembership {

    @Id
    @Column(name = "group_id")
    public UUID groupId;

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    /**
     * The room's newest seq when the member was put in the group: what the group published up to it came before
     * them (a key update is expected to be seen only by those who were in its group then).
     */
    @Column(name = "joined_seq", nullable = false)
    public long joinedSeq;

    public record Key(UUID groupId, UUID memberId) implements Serializable {
    }
}

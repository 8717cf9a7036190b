package dev.dealroom.post;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.dealroom.common.GroupContent;

/** A message in a group's discussion; replies point at a top-level post. */
@Entity
@Table(name = "post")
public class Post extends GroupContent {

    /** The seq of the event that created it: the thread's stable order. */
    @Column(nullable = false)
    public long seq;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "author_member_id", nullable = false)
    public UUID authorId;

    /** Null once the author was erased from the room (a former member). */
    @Column(name = "author_name", length = 200)
    public String authorName;

    /** Null once deleted. */
    @Column(length = 10000)
    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public UUID[] mentions;

    @Column(nullable = false)
    public boolean announcement;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}

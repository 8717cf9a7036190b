package dev.dealroom.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import dev.dealroom.common.GroupContent;

/** An item of the mutual action plan, in one group. */
@Entity
@Table(name = "task")
public class Task extends GroupContent {

    @Column(nullable = false, length = 200)
    public String title;

    @Column(length = 5000)
    public String description;

    /** The member who owes it; a member of the group. */
    @Column(name = "owner_member_id")
    public UUID ownerId;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TaskStatus status;

    @Column(name = "blocked_reason", length = 500)
    public String blockedReason;

    @Column(nullable = false)
    public boolean milestone;

    /** Order within the group's plan. */
    @Column(nullable = false)
    public int position;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

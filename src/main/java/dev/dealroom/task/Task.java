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

    /** The date the task is due: its own ({@link DueKind#ABSOLUTE}) or the one its rule gives today. */
    @Column(name = "due_date")
    public LocalDate dueDate;

    /** How {@link #dueDate} is set: a date of its own, or a rule that {@link PlanSchedule} keeps applying. */
    @Enumerated(EnumType.STRING)
    @Column(name = "due_kind", nullable = false, length = 24)
    public DueKind dueKind = DueKind.ABSOLUTE;

    /** The rule's N (days), for every kind but {@link DueKind#ABSOLUTE}. */
    @Column(name = "due_days")
    public Integer dueDays;

    /** The task of the same group this one follows ({@link DueKind#AFTER_TASK}). */
    @Column(name = "due_after_task_id")
    public UUID dueAfterTaskId;

    /** The day it was last marked done (in {@code dealroom.time-zone}); null while it is not done. */
    @Column(name = "done_on")
    public LocalDate doneOn;

    /** How many tasks follow this one: kept with every rule change, read by the one-statement status change. */
    @Column(nullable = false)
    public int dependents;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TaskStatus status;

    @Column(name = "blocked_reason", length = 500)
    public String blockedReason;

    @Column(nullable = false)
    public boolean milestone;

    /** Stands for a sign-off to request (a room opened from a template): the page offers to ask for it. */
    @Column(name = "signoff_to_request", nullable = false)
    public boolean signoffToRequest;

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

package dev.dealroom.task;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;

/**
 * The plan that schedules itself: a task's due rule ({@link DueKind}), the date it gives, and the rescheduling of
 * every task that follows a change, transitively, in the transaction of the change.
 *
 * <p>
 * Plan changes of a room take turns on the room's plan lock (a transaction-scoped advisory lock): a change of a due
 * rule or date, a status change of a task that others follow, a reorder, a move of the target decision date. Under
 * it, who follows whom cannot change; the tasks to reschedule are then row-locked in id order before anything is
 * written (the order reorders lock in), and the room row last, by the event log. A status change of a task nobody
 * follows takes no plan lock: it moves no date.
 */
@ApplicationScoped
public class PlanSchedule {

    /** The plan locks, apart from every other advisory lock (two-key form, this first key). */
    static final int LOCK_SPACE = 17_017;

    /** The most steps a rule's chain is followed: more tasks than a group holds. */
    private static final int MAX_CHAIN = 10_000;

    /** The dates of the room the rules count from. */
    public record RoomDates(LocalDate opened, LocalDate decision) {
    }

    /** A due rule as a request asks for it; {@code date} only for {@link DueKind#ABSOLUTE} (null: keep the date). */
    record Requested(DueKind kind, Integer days, String afterRef, LocalDate date) {

        boolean needsPlanLock() {
            return kind != DueKind.ABSOLUTE;
        }
    }

    private final TaskRepository tasks;
    private final EventLog events;
    private final Clock clock;

    public PlanSchedule(TaskRepository tasks, EventLog events, Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The rule a create or a change asks for, checked for its shape (which fields go with which kind); null when it
     * asks for none. A request with only {@code dueDate} asks for that date ({@link DueKind#ABSOLUTE}), as before
     * rules existed.
     */
    static Requested requested(DueKind kind, Integer days, String afterRef, LocalDate date) {
        if (kind == null) {
            if (days != null || afterRef != null) {
                throw ApiException.invalidField("dueKind", "required", Text.of("field.due-kind-required"));
            }
            return date == null ? null : new Requested(DueKind.ABSOLUTE, null, null, date);
        }
        if (kind == DueKind.ABSOLUTE) {
            if (days != null) {
                throw ApiException.invalidField("dueDays", "invalid-value", Text.of("field.due-rule-unexpected"));
            }
        } else {
            if (days == null) {
                throw ApiException.invalidField("dueDays", "required", Text.of("field.due-days-required"));
            }
            if (date != null) {
                throw ApiException.invalidField("dueDate", "invalid-value", Text.of("field.due-rule-unexpected"));
            }
        }
        if (kind == DueKind.AFTER_TASK && afterRef == null) {
            throw ApiException.invalidField("dueAfterTaskId", "required", Text.of("field.due-after-required"));
        }
        if (kind != DueKind.AFTER_TASK && afterRef != null) {
            throw ApiException.invalidField("dueAfterTaskId", "invalid-value", Text.of("field.due-rule-unexpected"));
        }
        return new Requested(kind, days, afterRef, date);
    }

    /** Takes the room's plan lock, until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockPlan(UUID roomId) {
        em().createNativeQuery("select 1 from pg_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, LOCK_SPACE).setParameter(2, roomId.toString()).getResultList();
    }

    RoomDates roomDates(UUID roomId) {
        Object[] row = (Object[]) em().createNativeQuery("select created_at, target_decision_date from room where id = ?1")
                .setParameter(1, roomId).getSingleResult();
        return new RoomDates(toInstant(row[0]).atZone(clock.getZone()).toLocalDate(), toDate(row[1]));
    }

    /**
     * Resolves the task an {@link DueKind#AFTER_TASK} rule of {@code task} (null for a new one) names: a task of the
     * same group, which neither is {@code task} nor follows it, however indirectly; locked, as its count of followers
     * changes. Needs the plan lock.
     */
    Task leader(UUID roomId, UUID groupId, UUID task, String afterRef) {
        Task leader = dev.dealroom.common.Ids.parse(afterRef)
                .flatMap(id -> tasks.find("roomId = ?1 and groupId = ?2 and id = ?3", roomId, groupId, id)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).<Task>firstResultOptional())
                .orElseThrow(() -> ApiException.invalidField("dueAfterTaskId", "not-in-group",
                        Text.of("field.due-after-not-in-group")));
        if (task != null) {
            Map<UUID, UUID> follows = follows(roomId);
            UUID step = leader.id;
            for (int i = 0; step != null && i <= MAX_CHAIN; i++) {
                if (step.equals(task)) {
                    throw ApiException.invalidField("dueAfterTaskId", "cycle", Text.of("field.due-after-cycle"));
                }
                step = follows.get(step);
            }
        }
        return leader;
    }

    /** Applies a rule to a task (its due date, and the count of followers of the task it follows, if it changes). */
    void apply(Task task, Requested rule, Task leader) {
        UUID before = task.dueAfterTaskId;
        UUID after = leader == null ? null : leader.id;
        if (!Objects.equals(before, after)) {
            if (before != null) {
                tasks.find("roomId = ?1 and id = ?2", task.roomId, before).withLock(LockModeType.PESSIMISTIC_WRITE)
                        .<Task>firstResultOptional().ifPresent(old -> old.dependents--);
            }
            if (after != null) {
                leader.dependents++;
            }
        }
        task.dueKind = rule.kind();
        task.dueDays = rule.days();
        task.dueAfterTaskId = after;
        if (rule.kind() == DueKind.ABSOLUTE) {
            if (rule.date() != null) {
                task.dueDate = rule.date();
            }
        } else {
            task.dueDate = due(task, id -> Objects.equals(id, after) ? leader : null, roomDates(task.roomId));
        }
    }

    /** The date a task's rule gives, with the task it follows found by {@code lookup}. */
    static LocalDate due(Task task, Function<UUID, Task> lookup, RoomDates room) {
        return switch (task.dueKind) {
            case ABSOLUTE -> task.dueDate;
            case AFTER_ROOM_OPENED -> room.opened().plusDays(task.dueDays);
            case BEFORE_DECISION -> room.decision().minusDays(task.dueDays);
            case AFTER_TASK -> {
                Task leader = lookup.apply(task.dueAfterTaskId);
                LocalDate from = leader == null ? null
                        : leader.status == TaskStatus.DONE && leader.doneOn != null ? leader.doneOn : leader.dueDate;
                yield from == null ? null : from.plusDays(task.dueDays);
            }
        };
    }

    /**
     * Reschedules every task that follows {@code changed} (already changed, and locked), transitively: one
     * {@code task.rescheduled} per task whose date moves, in its group. Needs the plan lock.
     */
    void followersOf(Task changed, RescheduleCause cause, Actor actor) {
        Map<UUID, List<UUID>> followers = followers(changed.roomId);
        if (!followers.containsKey(changed.id)) {
            return;
        }
        Map<UUID, Task> locked = lockFollowers(changed.roomId, List.of(changed.id), followers);
        locked.put(changed.id, changed);
        reschedule(changed.roomId, List.of(changed), locked, followers, roomDates(changed.roomId), cause,
                changed.id, actor);
    }

    /** Locks the tasks that follow {@code task}, transitively, in id order. Needs the plan lock. */
    void lockFollowersOf(Task task) {
        Map<UUID, List<UUID>> followers = followers(task.roomId);
        if (followers.containsKey(task.id)) {
            lockFollowers(task.roomId, List.of(task.id), followers);
        }
    }

    /**
     * Before the room's target decision date moves: takes the plan lock and locks the tasks that may move with it
     * (those due before the decision, and their followers), before the room row is locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForDecisionMove(UUID roomId) {
        lockPlan(roomId);
        List<UUID> roots = beforeDecision(roomId);
        if (!roots.isEmpty()) {
            lockFollowers(roomId, roots, followers(roomId));
        }
    }

    /** The room's target decision date moved: reschedules what depends on it ({@link #lockForDecisionMove} first). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decisionDateMoved(UUID roomId, LocalDate decision, Actor actor) {
        List<UUID> rootIds = beforeDecision(roomId);
        if (rootIds.isEmpty()) {
            return;
        }
        Map<UUID, List<UUID>> followers = followers(roomId);
        Map<UUID, Task> locked = lockFollowers(roomId, rootIds, followers);
        RoomDates dates = new RoomDates(roomDates(roomId).opened(), decision);
        List<Task> roots = rootIds.stream().map(locked::get).toList();
        List<Task> moved = new ArrayList<>();
        Map<Task, LocalDate> previous = new HashMap<>();
        for (Task root : roots) {
            LocalDate next = due(root, locked::get, dates);
            if (!Objects.equals(next, root.dueDate)) {
                previous.put(root, root.dueDate);
                root.dueDate = next;
                root.updatedAt = clock.instant();
                moved.add(root);
            }
        }
        for (Task root : moved) {
            announce(root, previous.get(root), RescheduleCause.DECISION_DATE_MOVED, null, actor, locked);
        }
        reschedule(roomId, moved, locked, followers, dates, RescheduleCause.DECISION_DATE_MOVED, null, actor);
    }

    /**
     * Walks from {@code roots} (already moved) down their followers, breadth first (each task follows one, so a task
     * comes after the one it follows), and moves each whose date its rule now gives differently; a task that does
     * not move moves none of its followers.
     */
    private void reschedule(UUID roomId, List<Task> roots, Map<UUID, Task> locked, Map<UUID, List<UUID>> followers,
            RoomDates dates, RescheduleCause cause, UUID causeTask, Actor actor) {
        Deque<Task> queue = new ArrayDeque<>(roots);
        Instant now = clock.instant();
        while (!queue.isEmpty()) {
            Task from = queue.poll();
            for (UUID id : followers.getOrDefault(from.id, List.of())) {
                Task follower = locked.get(id);
                LocalDate next = due(follower, locked::get, dates);
                if (Objects.equals(next, follower.dueDate)) {
                    continue;
                }
                LocalDate before = follower.dueDate;
                follower.dueDate = next;
                follower.updatedAt = now;
                announce(follower, before, cause, causeTask, actor, locked);
                queue.add(follower);
            }
        }
    }

    private void announce(Task task, LocalDate before, RescheduleCause cause, UUID causeTask, Actor actor,
            Map<UUID, Task> known) {
        TaskView view = TaskService.toView(task, LocalDate.now(clock), id -> {
            Task found = known.get(id);
            return found != null ? found : tasks.find("roomId = ?1 and id = ?2", task.roomId, id).firstResult();
        });
        // A milestone's new date is a key update, as when someone moves it by hand.
        events.append(task.roomId, EventType.TASK_RESCHEDULED, task.groupId, actor, task.milestone,
                seq -> new TaskRescheduled(task.id.toString(), task.dueDate, before, cause,
                        causeTask == null ? null : causeTask.toString(), view));
    }

    /** The ids of the room's tasks due before the decision. */
    private List<UUID> beforeDecision(UUID roomId) {
        return tasks.find("select t.id from Task t where t.roomId = ?1 and t.dueKind = ?2", roomId,
                DueKind.BEFORE_DECISION).project(UUID.class).list();
    }

    /** Who follows whom in the room: each task's followers. Stable under the plan lock. */
    private Map<UUID, List<UUID>> followers(UUID roomId) {
        Map<UUID, List<UUID>> followers = new HashMap<>();
        follows(roomId).forEach((follower, leader) -> followers.computeIfAbsent(leader, k -> new ArrayList<>())
                .add(follower));
        return followers;
    }

    /** Each following task of the room, and the task it follows. */
    private Map<UUID, UUID> follows(UUID roomId) {
        Map<UUID, UUID> follows = new HashMap<>();
        for (Object row : em().createNativeQuery(
                "select id, due_after_task_id from task where room_id = ?1 and due_after_task_id is not null")
                .setParameter(1, roomId).getResultList()) {
            Object[] pair = (Object[]) row;
            follows.put((UUID) pair[0], (UUID) pair[1]);
        }
        return follows;
    }

    /** Locks {@code roots} and every task that follows them, transitively, in id order; by id. */
    private Map<UUID, Task> lockFollowers(UUID roomId, Collection<UUID> roots, Map<UUID, List<UUID>> followers) {
        Set<UUID> all = new HashSet<>(roots);
        Deque<UUID> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            for (UUID follower : followers.getOrDefault(queue.poll(), List.of())) {
                if (all.add(follower)) {
                    queue.add(follower);
                }
            }
        }
        Map<UUID, Task> locked = new LinkedHashMap<>();
        tasks.find("roomId = ?1 and id in ?2 order by id", roomId, all).withLock(LockModeType.PESSIMISTIC_WRITE)
                .<Task>list().forEach(task -> locked.put(task.id, task));
        return locked;
    }

    /**
     * A milestone's projected date: the latest of its own due date and the due dates of the not-done tasks leading to
     * it (the tasks it follows, transitively); null when none has a date.
     */
    static LocalDate projectedDate(Task milestone, List<Task> leading) {
        LocalDate projected = milestone.dueDate;
        for (Task task : leading) {
            if (task.status != TaskStatus.DONE && task.dueDate != null
                    && (projected == null || task.dueDate.isAfter(projected))) {
                projected = task.dueDate;
            }
        }
        return projected;
    }

    /** A milestone's roll-up ({@link Rollup} states the rules, in order). */
    static Rollup rollup(Task milestone, List<Task> leading, LocalDate projected, LocalDate today) {
        List<Task> all = new ArrayList<>(leading);
        all.add(milestone);
        if (all.stream().allMatch(task -> task.status == TaskStatus.DONE)) {
            return Rollup.DONE;
        }
        if (all.stream().anyMatch(task -> task.status == TaskStatus.BLOCKED)) {
            return Rollup.BLOCKED;
        }
        boolean overdue = all.stream().anyMatch(task -> Overdue.isOverdue(task.dueDate, task.status, today));
        boolean slips = projected != null && milestone.dueDate != null && projected.isAfter(milestone.dueDate);
        return overdue || slips ? Rollup.LATE : Rollup.ON_TRACK;
    }

    /** The tasks leading to {@code task}: the one it follows, the one that one follows, and so on. */
    static List<Task> leading(Task task, Function<UUID, Task> lookup) {
        List<Task> leading = new ArrayList<>();
        Set<UUID> seen = new HashSet<>(Set.of(task.id));
        UUID step = task.dueAfterTaskId;
        while (step != null && seen.add(step) && leading.size() < MAX_CHAIN) {
            Task next = lookup.apply(step);
            if (next == null) {
                break;
            }
            leading.add(next);
            step = next.dueAfterTaskId;
        }
        return leading;
    }

    private EntityManager em() {
        return tasks.getEntityManager();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp " + value.getClass());
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        throw new IllegalStateException("Unexpected date " + value.getClass());
    }
}

package dev.dealroom.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.CallerKind;
import dev.dealroom.access.Action;
import dev.dealroom.access.MemberLocks;
import dev.dealroom.access.Caller;
import dev.dealroom.access.GroupAccess;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.OneStatement;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.group.GroupService;
import dev.dealroom.common.i18n.Text;

/**
 * The mutual action plan: each group's tasks, and the room-wide plan of the groups a member is in. Any group
 * member adds tasks; the task's owner, the room owner and the decision-makers change them.
 */
@ApplicationScoped
public class TaskService {

    private final TaskRepository tasks;
    private final GroupService groups;
    private final AccessPolicy access;
    private final EventLog events;
    private final Idempotency idempotency;
    private final MemberLocks memberLocks;
    private final OneStatement oneStatement;
    private final TaskStatement statement;
    private final PlanSchedule schedule;
    private final Clock clock;

    public TaskService(TaskRepository tasks, GroupService groups, AccessPolicy access, EventLog events,
            Idempotency idempotency, MemberLocks memberLocks, OneStatement oneStatement, TaskStatement statement,
            PlanSchedule schedule, Clock clock) {
        this.schedule = schedule;
        this.tasks = tasks;
        this.groups = groups;
        this.access = access;
        this.events = events;
        this.idempotency = idempotency;
        this.memberLocks = memberLocks;
        this.oneStatement = oneStatement;
        this.statement = statement;
        this.clock = clock;
    }

    @Transactional
    public List<TaskView> list(Caller caller, String roomId, String groupRef) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        LocalDate today = LocalDate.now(clock);
        List<Task> all = tasks.listInGroup(group.roomId(), group.groupId());
        Function<UUID, Task> lookup = byId(all);
        return all.stream().map(task -> toView(task, today, lookup)).toList();
    }

    @Transactional
    public TaskView get(Caller caller, String roomId, String groupRef, String taskId) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        return toView(tasks.requireIn(group, taskId), LocalDate.now(clock), lookup(group.roomId()));
    }

    /** The tasks of every group the caller is in, soonest due first; milestones are flagged. */
    @Transactional
    public List<PlanItem> plan(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        Map<UUID, String> names = groups.namesOf(room);
        LocalDate today = LocalDate.now(clock);
        List<Task> all = tasks.plan(room.roomId(), room.groupIds());
        Function<UUID, Task> lookup = byId(all);
        return all.stream()
                .map(task -> new PlanItem(names.get(task.groupId), toView(task, today, lookup)))
                .toList();
    }

    /**
     * Adds a task, in one transaction: its place in the group's order is read under the group's row lock, which one
     * statement could not do (its reads see the database as it was before it waited). It remembers the admission, so
     * that the creator's next status change may be written in one statement.
     */
    public TaskView create(Caller caller, String roomId, String groupRef, CreateTaskRequest request,
            String idempotencyKey) {
        return oneStatement.write(caller, roomId, groupRef, null,
                group -> create(caller, group, request, Idempotency.key(request.clientId(), idempotencyKey)));
    }

    private TaskView create(Caller caller, GroupAccess group, CreateTaskRequest request, Optional<String> key) {
        // a retry answers the original even once the room has closed: the action is asked of a new write only
        return idempotency.once(caller, "task.create", group.groupId().toString(), key, request,
                TaskView.class, () -> {
                    access.require(group.me(), Action.TASK_CREATE);
                    PlanSchedule.Requested rule = PlanSchedule.requested(request.dueKind(), request.dueDays(),
                            request.dueAfterTaskId(), request.dueDate());
                    if (rule != null && rule.date() != null) {
                        Inputs.plausibleDate("dueDate", rule.date());
                    }
                    Task leader = null;
                    if (rule != null && rule.needsPlanLock()) {
                        // Before the group's row (the position): plan changes of the room take turns on it first.
                        schedule.lockPlan(group.roomId());
                        if (rule.kind() == DueKind.AFTER_TASK) {
                            leader = schedule.leader(group.roomId(), group.groupId(), null, rule.afterRef());
                        }
                    }
                    Task task = new Task();
                    task.id = Ids.newId();
                    task.roomId = group.roomId();
                    task.groupId = group.groupId();
                    task.title = request.title().strip();
                    task.description = Inputs.blankToNull(request.description());
                    task.ownerId = request.ownerId() == null ? null : owner(group, request.ownerId());
                    if (rule != null) {
                        schedule.apply(task, rule, leader);
                    }
                    task.status = TaskStatus.TODO;
                    task.milestone = Boolean.TRUE.equals(request.milestone());
                    task.position = tasks.nextPosition(group.roomId(), group.groupId());
                    task.createdBy = group.me().id();
                    task.createdAt = clock.instant();
                    task.updatedAt = task.createdAt;
                    tasks.persist(task);
                    Task leading = leader;
                    TaskView view = toView(task, LocalDate.now(clock), id -> id.equals(task.id) ? task
                            : leading != null && id.equals(leading.id) ? leading : lookup(group.roomId()).apply(id))
                            .withClientId(key.orElse(null));
                    events.append(group.roomId(), EventType.TASK_CREATED, group.groupId(), Actor.of(group.me()),
                            view);
                    return view;
                });
    }

    /** Changes a task; a change of its status alone is written by {@link TaskStatement} when it can. */
    public TaskView update(Caller caller, String roomId, String groupRef, String taskId, UpdateTaskRequest request) {
        return oneStatement.write(caller, roomId, groupRef, TaskStatement.fits(taskId, request)
                ? claim -> statement.changeStatus(caller, claim, taskId, request) : null,
                group -> update(group, taskId, request));
    }

    private TaskView update(GroupAccess group, String taskId, UpdateTaskRequest request) {
        // The new owner is held before the task is locked: the order a member's removal takes its locks in.
        UUID newOwner = request.ownerId() == null ? null : owner(group, request.ownerId());
        PlanSchedule.Requested rule = PlanSchedule.requested(request.dueKind(), request.dueDays(),
                request.dueAfterTaskId(), request.dueDate());
        // A change that may move other tasks' dates takes the room's plan lock first, then the task and the tasks
        // that follow it (PlanSchedule says why in this order).
        boolean planChange = rule != null || tasks.followed(group, taskId);
        if (planChange) {
            schedule.lockPlan(group.roomId());
        }
        // Locked: simultaneous changes take turns, so a status move is checked against the status it moves from.
        Task task = tasks.lockIn(group, taskId);
        if (planChange) {
            schedule.lockFollowersOf(task);
        }
        boolean assignee = group.me().id().equals(task.ownerId);
        access.require(group.me(), Action.TASK_CHANGE, CallerKind.ASSIGNEE, assignee);
        if (request.isEmpty()) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, Text.of("detail.task-change-empty"));
        }
        List<String> changed = new ArrayList<>();
        if (request.title() != null && !request.title().strip().equals(task.title)) {
            task.title = request.title().strip();
            changed.add("title");
        }
        if (request.description() != null && !Objects.equals(Inputs.blankToNull(request.description()), task.description)) {
            task.description = Inputs.blankToNull(request.description());
            changed.add("description");
        }
        if (newOwner != null && !newOwner.equals(task.ownerId)) {
            task.ownerId = newOwner;
            changed.add("ownerId");
        }
        LocalDate dueBefore = task.dueDate;
        if (rule != null) {
            if (rule.date() != null) {
                Inputs.plausibleDate("dueDate", rule.date());
            }
            Task leader = rule.kind() == DueKind.AFTER_TASK
                    ? schedule.leader(group.roomId(), group.groupId(), task.id, rule.afterRef()) : null;
            DueKind kindBefore = task.dueKind;
            Integer daysBefore = task.dueDays;
            UUID afterBefore = task.dueAfterTaskId;
            schedule.apply(task, rule, leader);
            if (task.dueKind != kindBefore || !Objects.equals(task.dueDays, daysBefore)
                    || !Objects.equals(task.dueAfterTaskId, afterBefore)) {
                changed.add("dueRule");
            }
            if (!Objects.equals(task.dueDate, dueBefore)) {
                changed.add("dueDate");
            }
        }
        if (request.milestone() != null && request.milestone() != task.milestone) {
            task.milestone = request.milestone();
            changed.add("milestone");
        }
        if (request.position() != null && request.position() != task.position) {
            task.position = request.position();
            changed.add("position");
        }
        TaskStatus statusBefore = task.status;
        changeStatus(task, request, changed);
        boolean doneChanged = (statusBefore == TaskStatus.DONE) != (task.status == TaskStatus.DONE);
        if (doneChanged) {
            task.doneOn = task.status == TaskStatus.DONE ? LocalDate.now(clock) : null;
            if (!planChange && task.dependents > 0) {
                // Someone made it a task to follow after the unlocked look: its followers were not locked in turn.
                throw new ApiException(ProblemCode.CONFLICT, Text.of("detail.plan-changed"));
            }
        }
        if (changed.isEmpty()) {
            return toView(task, LocalDate.now(clock), lookup(group.roomId()));
        }
        task.updatedAt = clock.instant();
        TaskView view = toView(task, LocalDate.now(clock), lookup(group.roomId()));
        // A milestone's new date or status is a key update: everyone in the group should see that the plan moved.
        boolean keyUpdate = task.milestone && (changed.contains("dueDate") || changed.contains("status"));
        events.append(group.roomId(), EventType.TASK_UPDATED, group.groupId(), Actor.of(group.me()), keyUpdate,
                seq -> new TaskChange(view, changed));
        if (doneChanged || !Objects.equals(task.dueDate, dueBefore)) {
            RescheduleCause cause = !doneChanged ? RescheduleCause.TASK_DATE_CHANGED
                    : task.status == TaskStatus.DONE ? RescheduleCause.TASK_DONE : RescheduleCause.TASK_REOPENED;
            schedule.followersOf(task, cause, Actor.of(group.me()));
        }
        return view;
    }

    /**
     * Puts the group's tasks in the given order (the room owner and the decision-makers): one {@code task.reordered}
     * event, none when the order is unchanged. Takes turns with creates (the group's row) and with changes of any of
     * its tasks (their rows).
     */
    @Transactional
    public List<TaskView> reorder(Caller caller, String roomId, String groupRef, TaskOrderRequest request) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        access.require(group.me(), Action.TASK_ORDER);
        // The room's plan lock first, as every plan change takes it: a reschedule locks tasks of the group too.
        schedule.lockPlan(group.roomId());
        tasks.lockPlan(group.roomId(), group.groupId());
        Map<String, Task> byId = new java.util.HashMap<>();
        tasks.lockAllInGroup(group.roomId(), group.groupId()).forEach(task -> byId.put(task.id.toString(), task));
        List<String> order = request.taskIds().stream().map(id -> id.toLowerCase(java.util.Locale.ROOT)).toList();
        if (order.size() != byId.size() || !byId.keySet().containsAll(order)
                || new java.util.HashSet<>(order).size() != order.size()) {
            throw ApiException.invalidField("taskIds", "stale-order",
                    Text.of("field.stale-order"));
        }
        boolean moved = false;
        Instant now = clock.instant();
        for (int position = 0; position < order.size(); position++) {
            Task task = byId.get(order.get(position));
            if (task.position != position) {
                task.position = position;
                task.updatedAt = now;
                moved = true;
            }
        }
        if (moved) {
            events.append(group.roomId(), EventType.TASK_REORDERED, group.groupId(), Actor.of(group.me()),
                    new TaskOrder(order));
        }
        LocalDate today = LocalDate.now(clock);
        Function<UUID, Task> lookup = id -> byId.get(id.toString());
        return order.stream().map(id -> toView(byId.get(id), today, lookup)).toList();
    }

    /**
     * A task a room is opened with (from a template), without an owner: its rule counts from the new room's dates, and
     * {@code after} is the index, in the same list, of the task it follows ({@link DueKind#AFTER_TASK}), else null.
     */
    public record Seed(String title, String description, boolean milestone, boolean signoffToRequest, DueKind dueKind,
            Integer dueDays, Integer after) {
    }

    /**
     * Plants a group's first tasks in a room being opened, in order, each with its {@code task.created} event as if
     * added by hand; their dates are the ones the rules give against the room's dates ({@link PlanSchedule#due}). The
     * seeds are valid: an {@code after} names another seed, and no chain loops. No lock: nobody else sees the room yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void plant(UUID roomId, UUID groupId, UUID creatorId, Actor actor, List<Seed> seeds) {
        PlanSchedule.RoomDates dates = schedule.roomDates(roomId);
        Instant now = clock.instant();
        List<Task> planted = new ArrayList<>();
        int position = tasks.nextPosition(roomId, groupId);
        for (Seed seed : seeds) {
            Task task = new Task();
            task.id = Ids.newId();
            task.roomId = roomId;
            task.groupId = groupId;
            task.title = seed.title();
            task.description = Inputs.blankToNull(seed.description());
            task.milestone = seed.milestone();
            task.signoffToRequest = seed.signoffToRequest();
            task.dueKind = seed.dueKind() == null ? DueKind.ABSOLUTE : seed.dueKind();
            task.dueDays = seed.dueKind() == null ? null : seed.dueDays();
            task.status = TaskStatus.TODO;
            task.position = position++;
            task.createdBy = creatorId;
            task.createdAt = now;
            task.updatedAt = now;
            planted.add(task);
        }
        for (int i = 0; i < seeds.size(); i++) {
            Integer after = seeds.get(i).after();
            if (after != null) {
                Task leader = planted.get(after);
                planted.get(i).dueAfterTaskId = leader.id;
                leader.dependents++;
            }
        }
        Function<UUID, Task> lookup = byId(planted);
        // Leaders first: a follower's date counts from its leader's, so each is dated once its chain above it is.
        java.util.Set<UUID> dated = new java.util.HashSet<>();
        while (dated.size() < planted.size()) {
            for (Task task : planted) {
                if (!dated.contains(task.id) && (task.dueAfterTaskId == null || dated.contains(task.dueAfterTaskId))) {
                    task.dueDate = PlanSchedule.due(task, lookup, dates);
                    dated.add(task.id);
                }
            }
        }
        LocalDate today = LocalDate.now(clock);
        for (Task task : planted) {
            tasks.persist(task);
        }
        for (Task task : planted) {
            events.append(roomId, EventType.TASK_CREATED, groupId, actor, toView(task, today, lookup));
        }
    }


    /** A member left the room: their tasks are nobody's until someone takes them (member.removed says so). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unassignAll(UUID roomId, UUID memberId) {
        tasks.update("ownerId = null, updatedAt = ?1 where roomId = ?2 and ownerId = ?3", clock.instant(), roomId,
                memberId);
    }

    private static void changeStatus(Task task, UpdateTaskRequest request, List<String> changed) {
        TaskStatus next = Objects.requireNonNullElse(request.status(), task.status);
        if (next != task.status && !task.status.canMoveTo(next)) {
            throw new ApiException(ProblemCode.INVALID_TRANSITION, Text.of("detail.task-transition",
                    "from", Text.of("enum.task-status." + task.status), "to", Text.of("enum.task-status." + next)));
        }
        if (next == TaskStatus.BLOCKED) {
            String reason = Inputs.blankToNull(request.blockedReason());
            if (reason == null && task.status != TaskStatus.BLOCKED) {
                throw ApiException.invalidField("blockedReason", "required", Text.of("field.blocked-reason-required"));
            }
            if (reason != null && !reason.equals(task.blockedReason)) {
                task.blockedReason = reason;
                changed.add("blockedReason");
            }
        } else if (request.blockedReason() != null) {
            throw ApiException.invalidField("blockedReason", "invalid-value", Text.of("field.blocked-reason-unexpected"));
        } else if (task.blockedReason != null) {
            task.blockedReason = null;
            changed.add("blockedReason");
        }
        if (next != task.status) {
            task.status = next;
            changed.add("status");
        }
    }


    /**
     * A group member to own a task, held in the room until the transaction ends: a removal of that member at the
     * same moment either waits and then unassigns this task too, or goes first and this assignment is refused.
     */
    private UUID owner(GroupAccess group, String memberId) {
        return access.groupMember(group, memberId).map(member -> member.id())
                .filter(id -> memberLocks.hold(group.roomId(), id))
                .orElseThrow(() -> ApiException.invalidField("ownerId", "not-in-group",
                        Text.of("field.task-owner-not-in-group")));
    }

    /**
     * The task's view; a milestone's roll-up reads the tasks leading to it through {@code lookup} (by id, in the same
     * group; null when unknown).
     */
    static TaskView toView(Task task, LocalDate today, Function<UUID, Task> lookup) {
        boolean overdue = Overdue.isOverdue(task.dueDate, task.status, today);
        LocalDate projected = null;
        Rollup rollup = null;
        if (task.milestone) {
            List<Task> leading = PlanSchedule.leading(task, lookup);
            projected = PlanSchedule.projectedDate(task, leading);
            rollup = PlanSchedule.rollup(task, leading, projected, today);
        }
        return new TaskView(task.id.toString(), task.groupId.toString(), task.title, task.description,
                task.ownerId == null ? null : task.ownerId.toString(), task.dueDate, task.status, task.blockedReason,
                task.milestone, task.position, overdue, task.createdBy.toString(), task.createdAt, task.updatedAt,
                task.dueKind, task.dueDays, task.dueAfterTaskId == null ? null : task.dueAfterTaskId.toString(),
                projected, rollup, task.signoffToRequest, null);
    }

    /** Tasks of the room by id, read as asked (for a single task's view). */
    private Function<UUID, Task> lookup(UUID roomId) {
        return id -> tasks.find("roomId = ?1 and id = ?2", roomId, id).firstResult();
    }

    private static Function<UUID, Task> byId(List<Task> all) {
        Map<UUID, Task> byId = new java.util.HashMap<>();
        all.forEach(task -> byId.put(task.id, task));
        return byId::get;
    }
}

package dev.dealroom.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.CallerKind;
import dev.dealroom.access.MembershipCache.GroupClaim;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.NamedSql;
import dev.dealroom.common.OneStatement;
import dev.dealroom.common.OneStatement.Outcome;
import dev.dealroom.common.OneStatement.Written;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventType;

/**
 * Moves a task to another status in one statement and one commit ({@link OneStatement}): the plan's most frequent
 * change. The update's condition is the ordinary path's, in SQL: the caller owns the task or manages the room, and
 * the task's status is one {@link TaskStatus} lets move to the new one — the table stays in Java, the statement is
 * given the statuses it allows. PostgreSQL checks the condition again on the row as a concurrent change left it, so a
 * move made stale by another one updates nothing (invariant 6), and the ordinary path answers it as before (409
 * {@code invalid-transition}, or the task as it is when it is already there).
 *
 * <p>
 * It covers a change of the status alone (with the reason a move to {@code BLOCKED} needs). The event's payload, the
 * task after the change and what changed, is built from the row; the blocked reason has changed when it differs from
 * the one the row had, which the update reads from the row it joins to itself and requires unchanged.
 */
@ApplicationScoped
class TaskStatement {

    /** The task as the update returns it, with the reason it had. */
    private static final String ROW = "t.id, t.group_id, t.title, t.description, t.owner_member_id, t.due_date,"
            + " t.status, t.blocked_reason, t.milestone, t.position, t.created_by, t.created_at, t.updated_at,"
            + " t.due_kind, t.due_days, t.due_after_task_id, t.signoff_to_request,"
            + " was.blocked_reason as had_reason";

    private static final String VIEW = "jsonb_build_object('task', jsonb_build_object('id', id, 'groupId', group_id,"
            + " 'title', title, 'description', description, 'ownerId', owner_member_id, 'dueDate', due_date,"
            + " 'status', status, 'blockedReason', blocked_reason, 'milestone', milestone, 'position', position,"
            + " 'overdue', coalesce(" + Overdue.sql("cast(:today as date)") + ", false), 'createdBy', created_by,"
            + " 'createdAt', " + OneStatement.instantJson("created_at") + ", 'updatedAt', "
            + OneStatement.instantJson("updated_at") + ", 'dueKind', due_kind, 'dueDays', due_days,"
            + " 'dueAfterTaskId', due_after_task_id,"
            // A milestone the statement writes follows no task: it leads itself, as PlanSchedule.rollup rolls it up.
            + " 'projectedDate', case when milestone then due_date end,"
            + " 'rollup', case when not milestone then null when status = 'DONE' then 'DONE'"
            + " when status = 'BLOCKED' then 'BLOCKED' when coalesce(" + Overdue.sql("cast(:today as date)")
            + ", false) then 'LATE' else 'ON_TRACK' end, 'signoffToRequest', signoff_to_request, 'clientId', null),"
            + " 'changed', case when had_reason is distinct from blocked_reason"
            + " then jsonb_build_array('blockedReason', 'status') else jsonb_build_array('status') end)";

    private static final NamedSql CHANGE_STATUS = OneStatement.change(AccessPolicy.ADMITTED_TO_GROUP,
            "update task t set status = :status, blocked_reason = cast(:reason as text), updated_at = :at,"
            + " done_on = case when cast(:status as text) = 'DONE' then cast(:today as date) end"
            + " from task was where was.id = t.id and t.id = :task and t.room_id = :room and t.group_id = :group"
            + " and t.status = was.status and t.blocked_reason is not distinct from was.blocked_reason"
            + " and t.status = any(string_to_array(:from, ','))"
            // Tasks others follow are rescheduled by the ordinary path; the count is on the row, so a follower added
            // while this waits for the row makes it decline. A milestone's roll-up needs the tasks leading to it.
            + " and t.dependents = 0 and (not t.milestone or t.due_after_task_id is null)"
            + " and " + AccessPolicy.allowedSql(Action.TASK_CHANGE, Map.of(CallerKind.ASSIGNEE, "t.owner_member_id")),
            ROW, VIEW, "milestone");

    private final OneStatement statement;
    private final ObjectMapper json;
    private final Clock clock;
    private final LongAdder written = new LongAdder();

    TaskStatement(OneStatement statement, ObjectMapper json, Clock clock) {
        this.statement = statement;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Whether a change is one this statement writes: a move to another status alone, with a reason exactly when the
     * move is to {@code BLOCKED}, of a task named by a valid id.
     */
    static boolean fits(String taskId, UpdateTaskRequest request) {
        UpdateTaskRequest statusAlone = new UpdateTaskRequest(null, null, null, null, request.status(),
                request.blockedReason(), null, null);
        return request.status() != null && request.equals(statusAlone) && Ids.parse(taskId).isPresent()
                && (request.status() == TaskStatus.BLOCKED) == (Inputs.blankToNull(request.blockedReason()) != null)
                && (request.status() == TaskStatus.BLOCKED || request.blockedReason() == null);
    }

    /** Moves the task if the claim holds, the caller may change it and its status may move there; or declines. */
    Outcome<TaskView> changeStatus(Caller caller, GroupClaim claim, String taskId, UpdateTaskRequest request) {
        TaskStatus next = request.status();
        Instant at = statement.now();
        Map<String, Object> values = new HashMap<>();
        values.put("task", Ids.parse(taskId).orElseThrow());
        values.put("status", next.name());
        values.put("reason", Inputs.blankToNull(request.blockedReason()));
        values.put("from", Arrays.stream(TaskStatus.values()).filter(from -> from.canMoveTo(next))
                .map(TaskStatus::name).collect(Collectors.joining(",")));
        values.put("today", LocalDate.now(clock));
        Outcome<TaskView> outcome = statement.execute(CHANGE_STATUS, caller, claim, EventType.TASK_UPDATED, at, null,
                values, this::read);
        if (outcome instanceof Written<TaskView>) {
            written.increment();
        }
        return outcome;
    }

    /** How many changes this node has written with the statement since it started. */
    long written() {
        return written.sum();
    }

    private TaskView read(EventCommitted event) {
        try {
            return json.readValue(event.data(), TaskChange.class).task();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A task's event is not a task's change", e);
        }
    }
}

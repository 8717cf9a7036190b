package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.dealroom.support.Burst;
import dev.dealroom.support.Burst.Answer;
import dev.dealroom.support.Burst.Call;
import dev.dealroom.support.Burst.Form;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LockHolder;
import dev.dealroom.support.LockHolder.Lock;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Every mutating operation x identical and conflicting copies sent at the same moment -> the outcomes allowed and
 * the events recorded (invariant 6 of DESIGN.md): one change is one event however many copies arrive, two
 * conflicting changes give one success and one clear 409 (or two successes where both may), and never a 5xx.
 * Each row runs on a fresh room; add a row with every new write; each row's comment names the lock it rests on.
 *
 * <p>A row whose every call reaches one lock names it ({@link Row#queuingOn}): a statement taking that same lock,
 * which the test runs from a connection of its own before the burst and holds until every call of the burst waits
 * behind it, then releases. On every run, then, all the copies are at the lock together and go through it one after
 * the other, whatever the scheduling of this machine; and a service that no longer takes the lock fails its row on
 * every run: its calls never queue ("the burst did not queue on ...: N of M waiting"), or, when a later write of
 * the same row queues them anyway, they have all read the state from before the release and the outcome, events or
 * state assertions fail. Rows without a named lock race as this machine schedules them, so a lock missing there
 * fails only when the copies happen to overlap: rows whose calls do not all reach one lock (a copy refused before
 * it never waits), upserts, independent inserts, and for now the member add, nudge, re-invitation and
 * group-membership rows, whose member-row locks are being reworked.
 */
@QuarkusTest
class ConcurrencyTableTest {

    /**
     * The retry lock {@code Idempotency} takes: one per login, operation and client id, the login named by its token's
     * {@code sub} ("sub-" + email, as {@link Person} signs it).
     */
    static final String RETRY_LOCK = "select pg_advisory_xact_lock(hashtextextended(?, 0))";

    /**
     * The row that counts a login's writes, which every write of the login meets first: a post's one statement counts
     * in it (and holds it until it commits), the ordinary path counts in a transaction of its own before taking
     * {@link #RETRY_LOCK}. Created if the login has not written yet, so there is a row to hold.
     */
    static final String WRITE_COUNT_LOCK = "insert into write_rate_counter (subject, window_start, writes)"
            + " values (?, now(), 0) on conflict (subject) do update set writes = write_rate_counter.writes returning 1";

    @Inject
    DataSource dataSource;

    /**
     * A burst, what it may end in, the events it must record (by type, exactly), a check of the state after, and the
     * lock every call of the burst queues on, or null.
     */
    record Row(List<Call> calls, Set<List<String>> allowed, Function<List<Answer>, Map<String, Integer>> events,
            Consumer<List<Answer>> then, Lock lock) {

        Row(List<Call> calls, Set<List<String>> allowed, Map<String, Integer> events) {
            this(calls, allowed, answers -> events, answers -> {
            });
        }

        Row(List<Call> calls, Set<List<String>> allowed, Function<List<Answer>, Map<String, Integer>> events,
                Consumer<List<Answer>> then) {
            this(calls, allowed, events, then, null);
        }

        Row then(Consumer<List<Answer>> check) {
            return new Row(calls, allowed, events, check, lock);
        }

        /** The lock every call of this burst reaches: held by the test until all of them wait for it. */
        Row queuingOn(String sql, Object... params) {
            return new Row(calls, allowed, events, then, Lock.of(sql, params));
        }
    }

    enum Operation {
        /** Retried create (idempotency's advisory lock): one room. */
        CREATE_ROOM_RETRIED {
            @Override
            Row prepare(DealRoomFixture room) {
                Map<String, Object> body = Map.of("name", "Twice", "prospectAccount", "Acme",
                        "targetDecisionDate", "2027-06-30", "clientId", "room-1");
                return new Row(Call.post(room.owner, "/api/rooms", body).times(6), only(copies("201", 6)), Map.of())
                        .queuingOn(RETRY_LOCK, retryLock(room.owner, "room.create", "room-1"))
                        .then(answers -> {
                            assertEquals(1, answers.stream().map(a -> a.json().getString("room.id")).distinct().count());
                            String roomId = answers.get(0).json().getString("room.id");
                            assertEquals(Map.of("room.created", 1), eventsOf(room.owner, roomId, 0));
                        });
            }
        },
        /**
         * The room row lock: the same change sent six times is one change. (The event log writes the room row too, so
         * without the lock the copies still queue, on that write, but having all read the old stage: six events.)
         */
        UPDATE_ROOM_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.patch(room.owner, roomPath(room), Map.of("stage", "PROPOSAL")).times(6),
                        only(copies("200", 6)), Map.of("room.updated", 1))
                        .queuingOn("select 1 from room where id = ?::uuid for no key update", room.roomId);
            }
        },
        /** The room row lock: two managers changing different fields at once both keep their change. */
        UPDATE_ROOM_BY_TWO {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(List.of(Call.patch(room.owner, roomPath(room), Map.of("stage", "PROPOSAL")),
                        Call.patch(room.decisionMaker, roomPath(room), Map.of("targetDecisionDate", "2027-05-15"))),
                        only(List.of("200", "200")), Map.of("room.updated", 2))
                        .queuingOn("select 1 from room where id = ?::uuid for no key update", room.roomId)
                        .then(answers -> {
                            var now = room.owner.api().get(roomPath(room)).then().statusCode(200).extract().jsonPath();
                            assertEquals("PROPOSAL", now.getString("room.stage"));
                            assertEquals("2027-05-15", now.getString("room.targetDecisionDate"));
                        });
            }
        },
        /** Retried add (idempotency): one member, one invitation. */
        ADD_MEMBER_RETRIED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.post(room.owner, roomPath(room) + "/members", newMember("m-1")).times(6),
                        only(copies("201", 6)), Map.of("member.added", 1, "invitation.sent", 1))
                        .queuingOn(RETRY_LOCK, retryLock(room.owner, "member.add", "m-1"));
            }
        },
        /**
         * The unique key (room, email): the same person added four times at once is one member, and the adds that
         * lose the race are refused as if they had come later.
         */
        ADD_MEMBER_SAME_EMAIL {
            @Override
            Row prepare(DealRoomFixture room) {
                Map<String, Object> body = newMember(null);
                List<Call> calls = Stream.of(room.owner, room.owner, room.decisionMaker, room.decisionMaker)
                        .map(who -> Call.post(who, roomPath(room) + "/members", body)).toList();
                return new Row(calls, only(outcomes("201", "409 member-exists", 3)),
                        Map.of("member.added", 1, "invitation.sent", 1));
            }
        },
        /**
         * Lock order: the owner adds people (the invitations name the owner, so the add holds the owner's row) while
         * a decision-maker nudges the owner (which locks the owner's row for a change): both go through, no deadlock.
         */
        ADD_MEMBERS_WHILE_THE_ADDER_IS_NUDGED {
            @Override
            Row prepare(DealRoomFixture room) {
                String owner = room.owner.api().get(roomPath(room)).then().statusCode(200).extract().path("me.id");
                List<Call> calls = new ArrayList<>();
                for (String topic : List.of("OVERDUE_TASKS", "UNSEEN_UPDATES")) {
                    calls.add(Call.post(room.owner, roomPath(room) + "/members", Map.of("email",
                            Person.random(topic.toLowerCase(Locale.ROOT)).email(), "name", "Joiner", "side", "BUYER")));
                    calls.add(Call.post(room.decisionMaker, roomPath(room) + "/members/" + owner + "/nudges",
                            Map.of("topic", topic)));
                }
                return new Row(calls, only(copies("201", 4)),
                        Map.of("member.added", 2, "invitation.sent", 2, "nudge.sent", 2));
            }
        },
        /** The member row lock: one removal, however many copies. */
        REMOVE_MEMBER_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.delete(room.owner, roomPath(room) + "/members/" + room.outsiderId).times(6),
                        only(outcomes("204", "404 not-found", 5)), Map.of("member.removed", 1))
                        .queuingOn("select 1 from member where id = ?::uuid for update", room.outsiderId);
            }
        },
        /** Retried create (idempotency): one group. */
        CREATE_GROUP_RETRIED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.post(room.owner, roomPath(room) + "/groups",
                        Map.of("name", "Security review", "clientId", "g-1")).times(6), only(copies("201", 6)),
                        Map.of("group.created", 1)).queuingOn(RETRY_LOCK, retryLock(room.owner, "group.create", "g-1"));
            }
        },
        /** Insert-or-nothing on the membership's key: one addition. */
        ADD_GROUP_MEMBER_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.put(room.owner, groupPath(room, "proof") + "/members/" + room.outsiderId, null)
                        .times(6), only(copies("200", 6)), Map.of("group.member_added", 1));
            }
        },
        /** A bulk delete that counts its rows: one removal. */
        REMOVE_GROUP_MEMBER_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.delete(room.owner, groupPath(room, "proof") + "/members/" + room.groupMemberId)
                        .times(6), only(copies("204", 6)), Map.of("group.member_removed", 1));
            }
        },
        /**
         * Retried create (idempotency): one post. The login's first post in the group on this node: the first copy
         * takes the ordinary path, copies that arrive once it has admitted the login may take the one statement.
         */
        CREATE_POST_RETRIED {
            @Override
            Row prepare(DealRoomFixture room) {
                return retriedPost(room, "p-1");
            }
        },
        /** The same, once the login has posted in the group: every copy takes the one statement. */
        CREATE_POST_RETRIED_ONE_STATEMENT {
            @Override
            Row prepare(DealRoomFixture room) {
                room.groupMember.api().body(Map.of("body", "Kick-off notes")).post(groupPath(room, "proof") + "/posts")
                        .then().statusCode(201);
                return retriedPost(room, "p-3");
            }
        },
        /** A retry id belongs to its target: the same id in two groups at once never answers with the other's post. */
        CREATE_POST_SAME_ID_IN_TWO_GROUPS {
            @Override
            Row prepare(DealRoomFixture room) {
                Map<String, Object> body = Map.of("body", "Where do we stand?", "clientId", "p-2");
                return new Row(List.of(Call.post(room.decisionMaker, groupPath(room, "proof") + "/posts", body),
                        Call.post(room.decisionMaker, groupPath(room, "steering") + "/posts", body)),
                        only(List.of("201", "409 idempotency-key-reused")), Map.of("post.created", 1))
                        .queuingOn(WRITE_COUNT_LOCK, "sub-" + room.decisionMaker.email());
            }
        },
        /**
         * The post row lock: the same edit six times is one edit. The author's post was their first in the group: from
         * then on, their edits and deletes are written by the one statement, whose update takes the lock.
         */
        EDIT_POST_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                String post = postPath(room);
                return new Row(Call.patch(room.groupMember, post, Map.of("body", "Pilot went very well")).times(6),
                        only(copies("200", 6)), Map.of("post.edited", 1))
                        .queuingOn("select 1 from post where id = ?::uuid for no key update", idIn(post));
            }
        },
        /** The post row lock: a post deleted while it is edited (three clicks each) stays deleted. */
        EDIT_AND_DELETE_POST {
            @Override
            Row prepare(DealRoomFixture room) {
                String post = postPath(room);
                List<Call> calls = new ArrayList<>(Call.patch(room.groupMember, post, Map.of("body", "Second thoughts"))
                        .times(3));
                calls.addAll(Call.delete(room.groupMember, post).times(3));
                Set<List<String>> allowed = Set.of(0, 1, 2, 3).stream()
                        .map(edited -> sorted(outcomes("200", edited, "409 post-deleted", 3 - edited), copies("204", 3)))
                        .collect(Collectors.toSet());
                return new Row(calls, allowed,
                        answers -> answers.stream().anyMatch(a -> a.status() == 200)
                                ? Map.of("post.edited", 1, "post.deleted", 1) : Map.of("post.deleted", 1),
                        answers -> {
                            var now = room.groupMember.api().get(post).then().statusCode(200).extract().jsonPath();
                            assertTrue(now.getBoolean("deleted"));
                            assertNull(now.getString("body"));
                        }).queuingOn("select 1 from post where id = ?::uuid for no key update", idIn(post));
            }
        },
        /** The post row lock: one deletion, however many copies. */
        DELETE_POST_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                String post = postPath(room);
                return new Row(Call.delete(room.groupMember, post).times(6), only(copies("204", 6)),
                        Map.of("post.deleted", 1))
                        .queuingOn("select 1 from post where id = ?::uuid for no key update", idIn(post));
            }
        },
        /** Retried create (idempotency): one task. */
        CREATE_TASK_RETRIED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.post(room.owner, groupPath(room, "proof") + "/tasks",
                        Map.of("title", "Connect the warehouse", "clientId", "t-1")).times(6), only(copies("201", 6)),
                        Map.of("task.created", 1)).queuingOn(RETRY_LOCK, retryLock(room.owner, "task.create", "t-1"));
            }
        },
        /** The group row lock taken for a task's position: four tasks created at once get four places. */
        CREATE_TASKS_AT_ONCE {
            @Override
            Row prepare(DealRoomFixture room) {
                List<Call> calls = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    calls.add(Call.post(room.owner, groupPath(room, "proof") + "/tasks", Map.of("title", "Step " + i)));
                }
                return new Row(calls, only(copies("201", 4)), Map.of("task.created", 4))
                        .queuingOn("select 1 from room_group where id = ?::uuid for no key update", room.proofId)
                        .then(answers -> assertEquals(4,
                                answers.stream().map(a -> a.json().getInt("position")).distinct().count()));
            }
        },
        /** The task row lock: the same status move six times is one change. */
        UPDATE_TASK_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                String task = taskPath(room);
                return new Row(Call.patch(room.owner, task, Map.of("status", "IN_PROGRESS")).times(6),
                        only(copies("200", 6)), Map.of("task.updated", 1))
                        .queuingOn("select 1 from task where id = ?::uuid for no key update", idIn(task));
            }
        },
        /**
         * The task row lock: TODO -> DONE and TODO -> BLOCKED at once (three clicks each) never make DONE -> BLOCKED or
         * BLOCKED -> DONE: the winner's copies change nothing more, the loser's are refused.
         */
        UPDATE_TASK_CONFLICTING {
            @Override
            Row prepare(DealRoomFixture room) {
                String task = taskPath(room);
                List<Call> calls = new ArrayList<>(Call.patch(room.owner, task, Map.of("status", "DONE")).times(3));
                calls.addAll(Call.patch(room.decisionMaker, task, Map.of("status", "BLOCKED", "blockedReason",
                        "No access")).times(3));
                return new Row(calls, only(outcomes("200", 3, "409 invalid-transition", 3)),
                        Map.of("task.updated", 1))
                        .queuingOn("select 1 from task where id = ?::uuid for no key update", idIn(task));
            }
        },
        /**
         * The same, each login admitted into the group beforehand, so that every copy is written by the one statement:
         * its update takes the task's row lock, and checks the status it moves from again once it has it.
         */
        UPDATE_TASK_CONFLICTING_ONE_STATEMENT {
            @Override
            Row prepare(DealRoomFixture room) {
                String task = taskPath(room);
                room.decisionMaker.api().body(Map.of("body", "On it")).post(groupPath(room, "proof") + "/posts")
                        .then().statusCode(201);
                List<Call> calls = new ArrayList<>(Call.patch(room.owner, task, Map.of("status", "DONE")).times(3));
                calls.addAll(Call.patch(room.decisionMaker, task, Map.of("status", "BLOCKED", "blockedReason",
                        "No access")).times(3));
                return new Row(calls, only(outcomes("200", 3, "409 invalid-transition", 3)),
                        Map.of("task.updated", 1))
                        .queuingOn("select 1 from task where id = ?::uuid for no key update", idIn(task));
            }
        },
        /**
         * The assignee's row (held by the assignment) and the removed member's row (locked by the removal): a task
         * given to a member being removed ends unassigned, never owned by someone outside the room.
         */
        ASSIGN_TASK_TO_A_LEAVING_MEMBER {
            @Override
            Row prepare(DealRoomFixture room) {
                String task = taskPath(room);
                List<Call> calls = new ArrayList<>(Call.patch(room.owner, task, Map.of("ownerId", room.groupMemberId))
                        .times(3));
                calls.add(Call.delete(room.decisionMaker, roomPath(room) + "/members/" + room.groupMemberId));
                Set<List<String>> allowed = Set.of(0, 1, 2, 3).stream()
                        .map(assigned -> sorted(outcomes("200", assigned, "400 validation-failed", 3 - assigned),
                                List.of("204")))
                        .collect(Collectors.toSet());
                return new Row(calls, allowed,
                        answers -> answers.stream().anyMatch(a -> a.status() == 200)
                                ? Map.of("task.updated", 1, "member.removed", 1) : Map.of("member.removed", 1),
                        answers -> assertNull(room.owner.api().get(task).then().statusCode(200)
                                .extract().<String>path("ownerId")))
                        .queuingOn("select 1 from member where id = ?::uuid for update", room.groupMemberId);
            }
        },
        /**
         * The room's plan lock: a task others follow marked done (three clicks) while the decision date moves (three
         * clicks) reschedules each follower once, from the state the other change left: one change is one event, and
         * every date is the one its rule gives at the end.
         */
        COMPLETE_A_TASK_WHILE_THE_DECISION_DATE_MOVES {
            @Override
            Row prepare(DealRoomFixture room) {
                String tasks = groupPath(room, "proof") + "/tasks";
                String first = room.owner.api().body(Map.of("title", "Connect", "dueDate", "2026-01-10")).post(tasks)
                        .then().statusCode(201).extract().path("id");
                String second = ruleTask(room, Map.of("title", "Pilot", "dueKind", "AFTER_TASK", "dueDays", 3,
                        "dueAfterTaskId", first));
                String third = ruleTask(room, Map.of("title", "Results", "dueKind", "AFTER_TASK", "dueDays", 1,
                        "dueAfterTaskId", second));
                String demo = ruleTask(room, Map.of("title", "Final demo", "dueKind", "BEFORE_DECISION", "dueDays", 5));
                String recap = ruleTask(room, Map.of("title", "Recap", "dueKind", "AFTER_TASK", "dueDays", 2,
                        "dueAfterTaskId", demo, "milestone", true));
                List<Call> calls = new ArrayList<>(Call.patch(room.owner, tasks + "/" + first,
                        Map.of("status", "DONE")).times(3));
                calls.addAll(Call.patch(room.decisionMaker, roomPath(room), Map.of("targetDecisionDate", "2027-05-15"))
                        .times(3));
                return new Row(calls, only(copies("200", 6)),
                        Map.of("task.updated", 1, "room.updated", 1, "task.rescheduled", 4))
                        .queuingOn("select pg_advisory_xact_lock(17017, hashtext(?))", room.roomId)
                        .then(answers -> {
                            Map<String, java.time.LocalDate> due = new TreeMap<>();
                            for (String id : List.of(second, third, demo, recap)) {
                                due.put(id, java.time.LocalDate.parse(room.owner.api().get(tasks + "/" + id).then()
                                        .statusCode(200).extract().<String>path("dueDate")));
                            }
                            assertTrue(due.get(second).isAfter(java.time.LocalDate.parse("2026-01-13")),
                                    "from the day the first was done");
                            assertEquals(due.get(second).plusDays(1), due.get(third));
                            assertEquals(java.time.LocalDate.parse("2027-05-10"), due.get(demo));
                            assertEquals(java.time.LocalDate.parse("2027-05-12"), due.get(recap));
                        });
            }
        },
        /**
         * The room's plan lock: a task's date moved (three clicks) while the task that follows it gets another rule
         * (three clicks): whichever goes first, the other reschedules from it, and the chain ends where both rules put
         * it.
         */
        MOVE_A_TASK_WHILE_ITS_FOLLOWER_CHANGES_RULE {
            @Override
            Row prepare(DealRoomFixture room) {
                String tasks = groupPath(room, "proof") + "/tasks";
                String first = ruleTask(room, Map.of("title", "Connect", "dueDate", "2027-01-10"));
                String second = ruleTask(room, Map.of("title", "Pilot", "dueKind", "AFTER_TASK", "dueDays", 3,
                        "dueAfterTaskId", first));
                String third = ruleTask(room, Map.of("title", "Results", "dueKind", "AFTER_TASK", "dueDays", 1,
                        "dueAfterTaskId", second));
                List<Call> calls = new ArrayList<>(Call.patch(room.owner, tasks + "/" + first,
                        Map.of("dueDate", "2027-02-01")).times(3));
                calls.addAll(Call.patch(room.decisionMaker, tasks + "/" + second, Map.of("dueKind", "AFTER_TASK",
                        "dueDays", 5, "dueAfterTaskId", first)).times(3));
                return new Row(calls, only(copies("200", 6)), Map.of("task.updated", 2, "task.rescheduled", 3))
                        .queuingOn("select pg_advisory_xact_lock(17017, hashtext(?))", room.roomId)
                        .then(answers -> {
                            assertEquals("2027-02-06", room.owner.api().get(tasks + "/" + second).then()
                                    .statusCode(200).extract().path("dueDate"));
                            assertEquals("2027-02-07", room.owner.api().get(tasks + "/" + third).then()
                                    .statusCode(200).extract().path("dueDate"));
                        });
            }
        },
        /** Retried create (idempotency): one sign-off. */
        REQUEST_SIGNOFF_RETRIED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.post(room.owner, groupPath(room, "proof") + "/signoffs", Map.of("title",
                        "Proof accepted", "approverIds", List.of(room.groupMemberId), "clientId", "s-1")).times(6),
                        only(copies("201", 6)), Map.of("signoff.requested", 1))
                        .queuingOn(RETRY_LOCK, retryLock(room.owner, "signoff.create", "s-1"));
            }
        },
        /** The sign-off row lock: two approvers approving at once (three clicks each) close it APPROVED. */
        TWO_APPROVERS_AT_ONCE {
            @Override
            Row prepare(DealRoomFixture room) {
                String signoff = signoffPath(room, room.groupMemberId, room.decisionMakerId);
                String decision = signoff + "/decision";
                Map<String, Object> approve = Map.of("decision", "APPROVED");
                List<Call> calls = new ArrayList<>(Call.post(room.groupMember, decision, approve).times(3));
                calls.addAll(Call.post(room.decisionMaker, decision, approve).times(3));
                return new Row(calls, only(outcomes("200", 2, "409 already-decided", 4)),
                        Map.of("signoff.decided", 2))
                        .queuingOn("select 1 from signoff where id = ?::uuid for no key update", idIn(signoff))
                        .then(answers -> assertEquals("APPROVED",
                                room.owner.api().get(signoff).then().statusCode(200)
                                        .extract().path("status")));
            }
        },
        /** The sign-off row lock: one approver's two decisions at once (three clicks each): one counts. */
        ONE_APPROVER_TWO_DECISIONS {
            @Override
            Row prepare(DealRoomFixture room) {
                String signoff = signoffPath(room, room.groupMemberId, room.decisionMakerId);
                String decision = signoff + "/decision";
                List<Call> calls = new ArrayList<>(Call.post(room.groupMember, decision, Map.of("decision", "APPROVED"))
                        .times(3));
                calls.addAll(Call.post(room.groupMember, decision, Map.of("decision", "REJECTED")).times(3));
                return new Row(calls, only(outcomes("200", "409 already-decided", 5)), Map.of("signoff.decided", 1))
                        .queuingOn("select 1 from signoff where id = ?::uuid for no key update", idIn(signoff));
            }
        },
        /** The sign-off row lock: a decision racing the author's withdrawal (three clicks each): one of them happens. */
        DECISION_AND_WITHDRAWAL {
            @Override
            Row prepare(DealRoomFixture room) {
                String signoff = signoffPath(room, room.groupMemberId);
                List<Call> calls = new ArrayList<>(Call.post(room.groupMember, signoff + "/decision",
                        Map.of("decision", "APPROVED")).times(3));
                calls.addAll(Call.post(room.owner, signoff + "/withdraw", null).times(3));
                Set<List<String>> allowed = Set.of(
                        sorted(outcomes("200", "409 already-decided", 2), copies("409 signoff-closed", 3)),
                        outcomes("200", "409 signoff-closed", 5));
                return new Row(calls, allowed,
                        answers -> decided(answers) ? Map.of("signoff.decided", 1) : Map.of("signoff.withdrawn", 1),
                        answers -> assertEquals(decided(answers) ? "APPROVED" : "WITHDRAWN",
                                room.owner.api().get(signoff).then().statusCode(200).extract().path("status")))
                        .queuingOn("select 1 from signoff where id = ?::uuid for no key update", idIn(signoff));
            }
        },
        /** Retried colleague request (idempotency): one request. */
        REQUEST_COLLEAGUE_RETRIED {
            @Override
            Row prepare(DealRoomFixture room) {
                Map<String, Object> body = Map.of("email", Person.random("colleague").email(), "name", "Carla",
                        "groups", List.of("proof"), "clientId", "c-1");
                return new Row(Call.post(room.groupMember, colleaguesPath(room), body).times(6),
                        only(copies("201", 6)), Map.of("colleague.requested", 1))
                        .queuingOn(RETRY_LOCK, retryLock(room.groupMember, "colleague.request", "c-1"))
                        .then(answers -> assertEquals(1,
                                answers.stream().map(a -> a.json().getString("id")).distinct().count()));
            }
        },
        /**
         * The colleague request's row lock: the owner approving and a decision-maker declining at once (three clicks
         * each): one decision, one member at most, one invitation.
         */
        TWO_MANAGERS_DECIDE_A_COLLEAGUE_REQUEST {
            @Override
            Row prepare(DealRoomFixture room) {
                String email = Person.random("colleague").email();
                String request = room.groupMember.api().body(Map.of("email", email, "name", "Carla", "groups",
                        List.of("proof"))).post(colleaguesPath(room)).then().statusCode(201).extract().path("id");
                String decision = colleaguesPath(room) + "/" + request + "/decision";
                List<Call> calls = new ArrayList<>(Call.post(room.owner, decision, Map.of("decision", "APPROVED"))
                        .times(3));
                calls.addAll(Call.post(room.decisionMaker, decision, Map.of("decision", "DECLINED")).times(3));
                return new Row(calls, only(outcomes("200", "409 colleague-request-closed", 5)),
                        answers -> decided(answers)
                                ? Map.of("member.added", 1, "invitation.sent", 1, "colleague.approved", 1)
                                : Map.of("colleague.declined", 1),
                        answers -> {
                            List<String> emails = room.owner.api().get(roomPath(room) + "/members").then()
                                    .statusCode(200).extract().path("email");
                            assertEquals(decided(answers) ? 1 : 0, emails.stream().filter(email::equals).count());
                            assertEquals(decided(answers) ? "APPROVED" : "DECLINED", room.owner.api()
                                    .get(colleaguesPath(room)).then().extract().path("[0].status"));
                        })
                        .queuingOn("select 1 from colleague_request where id = ?::uuid for no key update", request);
            }
        },
        /** Retried upload (idempotency): one version. */
        UPLOAD_RETRIED {
            @Override
            Row prepare(DealRoomFixture room) {
                Form file = new Form("results.csv", "text/csv", "a,b\n1,2\n".getBytes(), Map.of("clientId", "d-1"));
                return new Row(Call.post(room.groupMember, groupPath(room, "proof") + "/documents", file).times(4),
                        only(copies("201", 4)), Map.of("document.uploaded", 1))
                        .queuingOn(RETRY_LOCK, retryLock(room.groupMember, "document.upload", "d-1"));
            }
        },
        /**
         * The document row lock: three files under one name at once become its next versions, one after the other.
         * (A new name is serialised by its unique key; a new version only by the lock.)
         */
        UPLOADS_UNDER_ONE_NAME {
            @Override
            Row prepare(DealRoomFixture room) {
                String document = room.groupMember.api().contentType("multipart/form-data").multiPart("file",
                        "plan.csv", "v,1\n".getBytes(), "text/csv").post(groupPath(room, "proof") + "/documents")
                        .then().statusCode(201).extract().path("id");
                List<Call> calls = new ArrayList<>();
                for (int i = 2; i <= 4; i++) {
                    calls.add(Call.post(room.groupMember, groupPath(room, "proof") + "/documents",
                            new Form("plan.csv", "text/csv", ("v," + i + "\n").getBytes(), Map.of())));
                }
                return new Row(calls, only(copies("201", 3)), Map.of("document.uploaded", 3))
                        .queuingOn("select 1 from document where id = ?::uuid for no key update", document)
                        .then(answers -> {
                            List<Map<String, Object>> documents = room.groupMember.api()
                                    .get(groupPath(room, "proof") + "/documents").then().statusCode(200).extract()
                                    .path("$");
                            assertEquals(1, documents.size());
                            assertEquals(List.of(4, 3, 2, 1), room.groupMember.api()
                                    .get(groupPath(room, "proof") + "/documents").then()
                                    .extract().path("[0].versions.version"));
                        });
            }
        },
        /** The nudged member's row lock: once a day, however many clicks. */
        NUDGE_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.post(room.owner, roomPath(room) + "/members/" + room.groupMemberId + "/nudges",
                        Map.of("topic", "OVERDUE_TASKS")).times(4), only(outcomes("201", "409 nudge-limit", 3)),
                        Map.of("nudge.sent", 1));
            }
        },
        /**
         * The member's row lock: the same roles sent six times are one change. (Without it, the copies all read the
         * seat before any wrote it: six events.)
         */
        COMMITTEE_SEAT_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.put(room.owner, roomPath(room) + "/committee/" + room.groupMemberId,
                        Map.of("roles", List.of("CHAMPION", "USER"), "attitude", "SUPPORTER")).times(6),
                        only(copies("200", 6)), Map.of("committee.changed", 1))
                        .queuingOn("select 1 from member where id = ?::uuid for no key update", room.groupMemberId);
            }
        },
        /** The invitee's row lock: resends take turns, each revoking the link before it, so one link stays open. */
        RESEND_INVITATION_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.post(room.owner, roomPath(room) + "/members/" + room.groupMemberId + "/invitations",
                        null).times(4), only(copies("201", 4)), Map.of("invitation.sent", 4)).then(answers -> {
                            List<String> open = room.owner.api().get(roomPath(room) + "/invitations").then()
                                    .statusCode(200).extract().path("findAll { it.memberId == '"
                                            + room.groupMemberId + "' && it.status == 'OPEN' }.id");
                            assertEquals(1, open.size(), open.toString());
                        });
            }
        },
        /** The invitation row lock: one revocation. */
        REVOKE_INVITATION_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                String invitation = room.owner.api().get(roomPath(room) + "/invitations").then().statusCode(200)
                        .extract().path("find { it.memberId == '" + room.groupMemberId + "' }.id");
                return new Row(Call.delete(room.owner, roomPath(room) + "/invitations/" + invitation).times(4),
                        only(copies("204", 4)), Map.of("invitation.revoked", 1))
                        .queuingOn("select 1 from invitation where id = ?::uuid for no key update", invitation);
            }
        },
        /** The invitation row lock: a link is used once. */
        CLAIM_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                Matcher link = Pattern.compile("/#/join/([A-Za-z0-9_-]{43})")
                        .matcher(SentMails.to(room.groupMember.email()).get(0).getText());
                assertTrue(link.find());
                String invitation = room.owner.api().get(roomPath(room) + "/invitations").then().statusCode(200)
                        .extract().path("find { it.memberId == '" + room.groupMemberId + "' }.id");
                return new Row(Call.post(room.groupMember, "/api/invitations/claim", Map.of("token", link.group(1)))
                        .times(4), only(outcomes("200", "409 invitation-used", 3)), Map.of("invitation.claimed", 1))
                        .queuingOn("select 1 from invitation where id = ?::uuid for no key update", invitation);
            }
        },
        /** An upsert that only moves forward: no event, no error. */
        MARK_READ_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.put(room.groupMember, groupPath(room, "proof") + "/read", Map.of("seq", room.seq()))
                        .times(6), only(copies("200", 6)), Map.of());
            }
        },
        /** An upsert: the settings are what was sent. */
        NOTIFICATION_SETTINGS_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.put(room.groupMember, roomPath(room) + "/notifications", Map.of("mentions", false,
                        "nudges", true, "signoffRequests", true, "digest", false)).times(6), only(copies("200", 6)),
                        Map.of());
            }
        },
        /** An upsert on the person's one feed row: every copy answers an address, and only the last one works. */
        MAKE_CALENDAR_REPEATED {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.put(room.groupMember, "/api/me/calendar", null).times(6), only(copies("200", 6)),
                        Map.of()).then(answers -> assertEquals(List.of(200, 404, 404, 404, 404, 404), answers.stream()
                                .map(answer -> RestAssured.given().get(answer.json().getString("url")).statusCode())
                                .sorted().toList(), "one feed, one working address"));
            }
        },
        /** Independent inserts: every ticket is issued. */
        LIVE_TICKETS_AT_ONCE {
            @Override
            Row prepare(DealRoomFixture room) {
                return new Row(Call.post(room.groupMember, roomPath(room) + "/live-tickets", null).times(6),
                        only(copies("201", 6)), Map.of());
            }
        };

        abstract Row prepare(DealRoomFixture room);

        static Row retriedPost(DealRoomFixture room, String clientId) {
            return new Row(Call.post(room.groupMember, groupPath(room, "proof") + "/posts",
                    Map.of("body", "Pilot went well", "clientId", clientId)).times(6), only(copies("201", 6)),
                    Map.of("post.created", 1))
                    .queuingOn(WRITE_COUNT_LOCK, "sub-" + room.groupMember.email())
                    .then(answers -> assertEquals(1,
                            answers.stream().map(a -> a.json().getString("id")).distinct().count()));
        }

        /** Whether one of the burst's first three calls (the decisions) succeeded. */
        static boolean decided(List<Answer> answers) {
            return answers.subList(0, 3).stream().anyMatch(answer -> answer.status() == 200);
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void simultaneousCopiesEndInOneAllowedOutcome(Operation operation) {
        DealRoomFixture room = new DealRoomFixture();
        Row row = operation.prepare(room);
        long before = room.seq();

        List<Answer> answers = fire(row);

        List<String> outcomes = answers.stream().map(Answer::outcome).sorted().toList();
        assertTrue(row.allowed().contains(outcomes), operation + " ended in " + outcomes + ", allowed: "
                + row.allowed() + "\n" + answers);
        assertEquals(new TreeMap<>(row.events().apply(answers)), eventsOf(room.owner, room.roomId, before),
                operation + ": events recorded");
        assertAll(operation + ": state after", () -> row.then().accept(answers));
    }

    /** Fires the row's burst; when it names a lock, held until every call waits for it. */
    List<Answer> fire(Row row) {
        if (row.lock() == null) {
            return Burst.fire(row.calls());
        }
        try (LockHolder holder = LockHolder.take(dataSource, row.lock())) {
            return Burst.fire(row.calls(), () -> holder.releaseWhenQueued(row.calls().size()));
        }
    }

    /** The number of events of each type after {@code since}, as {@code who} sees them. */
    static Map<String, Integer> eventsOf(Person who, String roomId, long since) {
        List<String> types = who.api().get("/api/rooms/{r}/events?since={s}", roomId, since).then().statusCode(200)
                .extract().path("events.type");
        return new TreeMap<>(types.stream().collect(Collectors.groupingBy(type -> type,
                Collectors.reducing(0, type -> 1, Integer::sum))));
    }

    static Set<List<String>> only(List<String> outcomes) {
        return Set.of(outcomes.stream().sorted().toList());
    }

    static List<String> sorted(List<String> some, List<String> others) {
        return Stream.concat(some.stream(), others.stream()).sorted().toList();
    }

    static List<String> copies(String outcome, int n) {
        return Collections.nCopies(n, outcome);
    }

    static List<String> outcomes(String first, String rest, int restCount) {
        return outcomes(first, 1, rest, restCount);
    }

    static List<String> outcomes(String first, int firstCount, String rest, int restCount) {
        List<String> all = new ArrayList<>(copies(first, firstCount));
        all.addAll(copies(rest, restCount));
        return all;
    }

    static Map<String, Object> newMember(String clientId) {
        // an address of its own: invitation emails are limited per address, across rooms and test runs
        Map<String, Object> body = new TreeMap<>(Map.of("email", Person.random("late.joiner").email(),
                "name", "Late Joiner", "side", "BUYER", "groups", List.of("proof")));
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        return body;
    }

    /** The name of the retry lock of {@code who}'s {@code operation} with this client id (see {@link #RETRY_LOCK}). */
    static String retryLock(Person who, String operation, String clientId) {
        return "sub-" + who.email() + "\n" + operation + "\n" + clientId;
    }

    static String colleaguesPath(DealRoomFixture room) {
        return roomPath(room) + "/colleague-requests";
    }

    /** The id at the end of an item's path. */
    static String idIn(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String roomPath(DealRoomFixture room) {
        return "/api/rooms/" + room.roomId;
    }

    static String groupPath(DealRoomFixture room, String group) {
        return roomPath(room) + "/groups/" + group;
    }

    /** A post by the proof buyer. */
    static String postPath(DealRoomFixture room) {
        String id = room.groupMember.api().body(Map.of("body", "Pilot went well")).post(groupPath(room, "proof")
                + "/posts").then().statusCode(201).extract().path("id");
        return groupPath(room, "proof") + "/posts/" + id;
    }

    /** A task with a due rule, made by the owner in proof; its id. */
    static String ruleTask(DealRoomFixture room, Map<String, Object> body) {
        return room.owner.api().body(body).post(groupPath(room, "proof") + "/tasks").then().statusCode(201).extract()
                .path("id");
    }

    /** A TODO task made by the owner. */
    static String taskPath(DealRoomFixture room) {
        String id = room.owner.api().body(Map.of("title", "Connect the warehouse")).post(groupPath(room, "proof")
                + "/tasks").then().statusCode(201).extract().path("id");
        return groupPath(room, "proof") + "/tasks/" + id;
    }

    /** A sign-off asked by the owner of these approvers. */
    static String signoffPath(DealRoomFixture room, String... approverIds) {
        String id = room.owner.api().body(Map.of("title", "Proof accepted", "approverIds", List.of(approverIds)))
                .post(groupPath(room, "proof") + "/signoffs").then().statusCode(201).extract().path("id");
        return groupPath(room, "proof") + "/signoffs/" + id;
    }
}

package dev.dealroom.agenda;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.agenda.AgendaView.ColleagueRequestItem;
import dev.dealroom.agenda.AgendaView.KeyUpdateItem;
import dev.dealroom.agenda.AgendaView.KeyUpdateKind;
import dev.dealroom.agenda.AgendaView.MentionItem;
import dev.dealroom.agenda.AgendaView.MyRoom;
import dev.dealroom.agenda.AgendaView.NudgeItem;
import dev.dealroom.agenda.AgendaView.Place;
import dev.dealroom.agenda.AgendaView.SignoffItem;
import dev.dealroom.agenda.AgendaView.TaskItem;
import dev.dealroom.common.SqlValues;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventType;
import dev.dealroom.member.MemberService;
import dev.dealroom.progress.NudgeTopic;
import dev.dealroom.progress.Seen;
import dev.dealroom.signoff.SignoffStatus;
import dev.dealroom.task.Overdue;
import dev.dealroom.task.TaskStatus;

/**
 * "What I owe" across the caller's rooms. The access policy admits the caller into each of their rooms, as it
 * does for every room path; every query then reads only the groups it admitted them into and their own member
 * ids ({@code member = any(?1)}, {@code group = any(?2)}), so a room they have left or a group they are not in
 * contributes nothing (invariant 1). Seen and owed follow {@link Seen}, lateness {@link Overdue}.
 */
@ApplicationScoped
public class AgendaService {

    /** How far back nudges and mentions reach: older ones are history, not something owed. */
    static final Duration RECENT = Duration.ofDays(30);
    static final int MAX_TASKS = 200;
    static final int MAX_SIGNOFFS = 100;
    static final int MAX_KEY_UPDATES = 50;
    static final int MAX_NUDGES = 20;
    static final int MAX_MENTIONS = 30;
    static final int MAX_COLLEAGUE_REQUESTS = 50;
    static final int EXCERPT = 200;

    /** A group of the caller's, with its room: the columns every group item starts with. */
    private static final String PLACE = "r.id, r.name, g.id, g.key, g.name";
    private static final String PLACE_JOINS = " join room_group g on g.id = %1$s.group_id join room r on r.id = g.room_id";

    private final EntityManager em;
    private final AccessPolicy access;
    private final MemberService members;
    private final Clock clock;

    public AgendaService(EntityManager em, AccessPolicy access, MemberService members, Clock clock) {
        this.em = em;
        this.access = access;
        this.members = members;
        this.clock = clock;
    }

    @Transactional
    public AgendaView agenda(Caller caller) {
        List<RoomAccess> rooms = caller.memberEmail().map(members::roomIdsOf).orElse(List.of()).stream()
                .map(roomId -> admitted(caller, roomId)).flatMap(Optional::stream).toList();
        if (rooms.isEmpty()) {
            return new AgendaView(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        UUID[] allRooms = rooms.stream().map(RoomAccess::roomId).toArray(UUID[]::new);
        UUID[] meInAll = rooms.stream().map(room -> room.me().id()).toArray(UUID[]::new);
        // A decided deal owes nothing: what I owe comes from the rooms still open.
        List<RoomAccess> open = rooms.stream().filter(room -> room.me().roomClosedAt() == null).toList();
        UUID[] roomIds = open.stream().map(RoomAccess::roomId).toArray(UUID[]::new);
        UUID[] me = open.stream().map(room -> room.me().id()).toArray(UUID[]::new);
        UUID[] groups = open.stream().flatMap(room -> room.groupIds().stream()).toArray(UUID[]::new);
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Instant since = now.minus(RECENT);
        // colleague requests wait for the rooms' managers: where I may decide them
        UUID[] deciding = open.stream().filter(room -> access.may(room.me(), Action.COLLEAGUE_DECIDE))
                .map(RoomAccess::roomId).toArray(UUID[]::new);
        return new AgendaView(myRooms(allRooms, meInAll), tasks(roomIds, me, groups, today), signoffs(me, groups),
                keyUpdates(roomIds, me, groups), nudges(me, since), mentions(roomIds, me, groups, since),
                colleagueRequests(deciding));
    }

    private Optional<RoomAccess> admitted(Caller caller, UUID roomId) {
        try {
            return Optional.of(access.enterRoom(caller, roomId.toString()));
        } catch (ApiException removedMeanwhile) {
            return Optional.empty();
        }
    }

    private List<MyRoom> myRooms(UUID[] roomIds, UUID[] me) {
        return rows("select r.id, r.name, r.prospect_account, r.target_decision_date, m.id, m.side, m.owner,"
                + " m.decision_maker from member m join room r on r.id = m.room_id"
                + " where m.room_id = any(?1) and m.id = any(?2) order by r.target_decision_date, r.name, r.id",
                List.of(roomIds, me), MAX_TASKS,
                row -> new MyRoom(text(row[0]), (String) row[1], (String) row[2], date(row[3]), text(row[4]),
                        (String) row[5], (Boolean) row[6], (Boolean) row[7]));
    }

    private List<TaskItem> tasks(UUID[] roomIds, UUID[] me, UUID[] groups, LocalDate today) {
        return rows("select " + PLACE + ", t.id, t.title, t.due_date, t.status, t.milestone from task t"
                + PLACE_JOINS.formatted("t")
                + " where t.room_id = any(?1) and t.owner_member_id = any(?2) and t.group_id = any(?3)"
                + " and t.status <> ?4 order by t.due_date nulls last, r.name, t.position, t.id",
                List.of(roomIds, me, groups, TaskStatus.DONE.name()), MAX_TASKS, row -> {
                    LocalDate due = date(row[7]);
                    TaskStatus status = TaskStatus.valueOf((String) row[8]);
                    return new TaskItem(place(row), text(row[5]), (String) row[6], due, status, (Boolean) row[9],
                            Overdue.isOverdue(due, status, today));
                });
    }

    private List<SignoffItem> signoffs(UUID[] me, UUID[] groups) {
        return rows("select " + PLACE + ", s.id, s.title, s.author_member_id, a.name, s.created_at"
                + " from signoff_approver sa join signoff s on s.id = sa.signoff_id" + PLACE_JOINS.formatted("s")
                + " left join member a on a.id = s.author_member_id"
                + " where sa.member_id = any(?1) and sa.decision is null and s.status = ?2 and s.group_id = any(?3)"
                + " order by s.created_at desc, s.id",
                List.of(me, SignoffStatus.REQUESTED.name(), groups), MAX_SIGNOFFS,
                row -> new SignoffItem(place(row), text(row[5]), (String) row[6],
                        new Actor((UUID) row[7], (String) row[8]), SqlValues.instant(row[9])));
    }

    private List<KeyUpdateItem> keyUpdates(UUID[] roomIds, UUID[] me, UUID[] groups) {
        // The subject is read from the item as it is now: an edited title shows its new words, a deleted post none.
        String subject = "case"
                + " when e.type = ?4 then (select p.body from post p where p.id = cast(e.data->>'id' as uuid)"
                + "   and p.deleted_at is null)"
                + " when e.type = ?5 then (select s.title from signoff s where s.id = cast(e.data->>'id' as uuid))"
                + " when e.type in (?6, ?7) then (select t.title from task t"
                + "   where t.id = cast(e.data->'task'->>'id' as uuid))"
                + " end";
        return rows("select " + PLACE + ", e.seq, e.type, e.actor_member_id, e.actor_name, e.at, " + subject
                + " from room_event e join group_member gm on gm.group_id = e.group_id and gm.member_id = any(?2)"
                + " left join read_marker rm on rm.member_id = gm.member_id and rm.group_id = e.group_id"
                + PLACE_JOINS.formatted("e")
                + " where e.room_id = any(?1) and e.group_id = any(?3) and e.key_update"
                + " and e.seq > gm.joined_seq and e.seq > coalesce(rm.last_seq, 0) and " + Seen.OWED
                + " order by e.at desc, e.seq desc",
                List.of(roomIds, me, groups, EventType.POST_CREATED.wireName(),
                        EventType.SIGNOFF_REQUESTED.wireName(), EventType.TASK_UPDATED.wireName(),
                        EventType.TASK_RESCHEDULED.wireName()),
                MAX_KEY_UPDATES,
                row -> new KeyUpdateItem(place(row), ((Number) row[5]).longValue(), kind((String) row[6]), (String) row[6],
                        new Actor((UUID) row[7], (String) row[8]), SqlValues.instant(row[9]), excerpt(row[10])));
    }

    /** The key updates the log has: announcements, sign-off requests and milestone changes (see EventType). */
    private static KeyUpdateKind kind(String type) {
        if (EventType.SIGNOFF_REQUESTED.wireName().equals(type)) {
            return KeyUpdateKind.SIGNOFF_REQUEST;
        }
        return EventType.TASK_UPDATED.wireName().equals(type) || EventType.TASK_RESCHEDULED.wireName().equals(type)
                ? KeyUpdateKind.MILESTONE : KeyUpdateKind.ANNOUNCEMENT;
    }

    private List<NudgeItem> nudges(UUID[] me, Instant since) {
        return rows("select r.id, r.name, n.id, n.topic, b.name, n.created_at from nudge n"
                + " join room r on r.id = n.room_id left join member b on b.id = n.by_member_id"
                + " where n.member_id = any(?1) and n.created_at >= ?2 order by n.created_at desc, n.id",
                List.of(me, since), MAX_NUDGES,
                row -> new NudgeItem(text(row[0]), (String) row[1], text(row[2]), NudgeTopic.valueOf((String) row[3]),
                        (String) row[4], SqlValues.instant(row[5])));
    }

    private List<ColleagueRequestItem> colleagueRequests(UUID[] roomIds) {
        return rows("select r.id, r.name, c.id, c.name, q.name, c.created_at from colleague_request c"
                + " join room r on r.id = c.room_id left join member q on q.id = c.requester_id"
                + " where c.room_id = any(?1) and c.status = 'PENDING' order by c.created_at, c.id",
                List.of((Object) roomIds), MAX_COLLEAGUE_REQUESTS,
                row -> new ColleagueRequestItem(text(row[0]), (String) row[1], text(row[2]), (String) row[3],
                        (String) row[4], SqlValues.instant(row[5])));
    }

    private List<MentionItem> mentions(UUID[] roomIds, UUID[] me, UUID[] groups, Instant since) {
        // mentions && ?2: the post names one of my member ids; the GIN index of V15 answers it
        return rows("select " + PLACE + ", p.id, p.parent_id, p.author_member_id, p.author_name, p.body, p.created_at"
                + " from post p" + PLACE_JOINS.formatted("p")
                + " where p.room_id = any(?1) and p.mentions && ?2 and p.group_id = any(?3) and p.deleted_at is null"
                + " and not (p.author_member_id = any(?2)) and p.created_at >= ?4"
                + " order by p.created_at desc, p.id",
                List.of(roomIds, me, groups, since), MAX_MENTIONS,
                row -> new MentionItem(place(row), text(row[5]), row[6] == null ? null : text(row[6]),
                        new Actor((UUID) row[7], (String) row[8]), excerpt(row[9]), SqlValues.instant(row[10])));
    }

    private <T> List<T> rows(String sql, List<Object> parameters, int limit, Function<Object[], T> map) {
        var query = em.createNativeQuery(sql).setMaxResults(limit);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<T> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(map.apply(row)));
        return items;
    }

    private static Place place(Object[] row) {
        return new Place(text(row[0]), (String) row[1], text(row[2]), (String) row[3], (String) row[4]);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static LocalDate date(Object value) {
        return value == null ? null : value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
    }

    /** At most {@link #EXCERPT} characters, never cutting a character in two. */
    static String excerpt(Object value) {
        String text = (String) value;
        if (text == null || text.codePointCount(0, text.length()) <= EXCERPT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, EXCERPT - 1)).stripTrailing() + "…";
    }
}

package dev.dealroom.progress;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.group.GroupKind;
import dev.dealroom.task.Overdue;
import dev.dealroom.task.TaskStatus;

/**
 * Loads {@link RoomFacts} for many rooms at once: a fixed number of aggregate queries whatever the number of
 * rooms, each served by an index on {@code room_id}, so one room's progress and a 500-room pipeline cost the
 * same round trips. Overdue counts are as of {@code today}, given by the caller from the server's clock.
 *
 * <p>Plain JDBC on the transaction's connection: the pipeline reads thousands of rows per request, and the ORM's
 * handling of native query rows added a fifth to a third to each query's time.
 */
@ApplicationScoped
public class RoomFactsLoader {

    /** The time of the newest event of the group {@code g}: one index probe on (room_id, group_id, seq). */
    private static final String LAST_ACTIVITY = "(select e.at from room_event e where e.room_id = g.room_id"
            + " and e.group_id = g.id order by e.seq desc limit 1)";

    /** A room's own columns, as {@link #room} reads them. */
    private static final String ROOM = "select r.id, r.name, r.prospect_account, r.amount, r.currency,"
            + " r.target_decision_date, r.stage, r.status, r.created_at";

    private final DataSource dataSource;

    public RoomFactsLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Everything the coordination view of these rooms is computed from. */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<UUID, RoomFacts> load(Collection<UUID> roomIds, LocalDate today) {
        Map<UUID, RoomFacts> facts = rooms(roomIds);
        if (!facts.isEmpty()) {
            query(connection -> figures(connection, facts, null, today));
        }
        return facts;
    }

    /** The rooms with their own columns only; rooms that no longer exist are left out. */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<UUID, RoomFacts> rooms(Collection<UUID> roomIds) {
        Map<UUID, RoomFacts> facts = new LinkedHashMap<>();
        if (!roomIds.isEmpty()) {
            query(connection -> rows(connection, ROOM + " from room r where r.id = any(?)", room(facts),
                    connection.createArrayOf("uuid", roomIds.toArray())));
        }
        return facts;
    }

    /**
     * The rooms {@code email} is a member of, with their own columns only: what most pipeline sorts read of every
     * room, before the figures of one page are loaded. Open rooms, or closed ones ({@code archived}); of a closed
     * room, the buyer's side reads only one closed after {@code buyersReadClosedAfter}, and the seller's side alone
     * gets the reason it was closed for.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<UUID, RoomFacts> roomsOf(String email, boolean archived, Instant buyersReadClosedAfter) {
        Map<UUID, RoomFacts> facts = new LinkedHashMap<>();
        RowReader room = room(facts);
        query(connection -> rows(connection, ROOM + ", r.closed_at, case when m.side = 'SELLER' then r.close_reason end"
                + " from room r join member m on m.room_id = r.id where m.email = ? and (r.closed_at is not null) = ?"
                + " and (r.closed_at is null or m.side = 'SELLER' or r.closed_at > ?)", r -> {
                    room.read(r);
                    RoomFacts read = facts.get(uuid(r, 1));
                    read.closedAt = instant(r, 10);
                    read.closeReason = r.getString(11);
                }, email, archived, OffsetDateTime.ofInstant(buyersReadClosedAfter, ZoneOffset.UTC)));
        return facts;
    }

    private static RowReader room(Map<UUID, RoomFacts> facts) {
        return r -> {
            RoomFacts room = new RoomFacts();
            room.room = new RoomFacts.Room(uuid(r, 1), r.getString(2), r.getString(3), r.getBigDecimal(4),
                    r.getString(5), r.getObject(6, LocalDate.class), r.getString(7), r.getString(8), instant(r, 9));
            facts.put(room.room.id(), room);
        };
    }

    /** Adds to rooms from {@link #rooms} the time of their newest event made by a buyer-side member. */
    @Transactional(Transactional.TxType.MANDATORY)
    void addLastBuyerActivity(Collection<RoomFacts> rooms) {
        if (rooms.isEmpty()) {
            return;
        }
        Map<UUID, RoomFacts> facts = byId(rooms);
        // One backward walk of each room's log (its primary key), stopping at the first buyer's event.
        query(connection -> rows(connection, "select r.id, (select e.at from room_event e"
                + " join member m on m.id = e.actor_member_id where e.room_id = r.id and m.side = 'BUYER'"
                + " order by e.seq desc limit 1) from room r where r.id = any(?)",
                r -> facts.get(uuid(r, 1)).lastBuyerActivity = instant(r, 2),
                connection.createArrayOf("uuid", facts.keySet().toArray())));
    }

    /**
     * Adds to rooms from {@link #rooms} what their health is computed from ({@link ProgressCalculator#summarise}),
     * as the member with {@code email} sees them: their groups, their overdue and blocked tasks, workstreams' last
     * activity, key updates and who owes them, open milestones, that member's own groups only, and of the members
     * that one and those who owe a key update (the only others health tells of). Nothing else: no other task figures
     * or tasks per owner, read markers, sign-offs or done milestones, no one else's groups and no other members,
     * which only the full view shows.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void addHealth(Collection<RoomFacts> rooms, String email, LocalDate today) {
        if (rooms.isEmpty()) {
            return;
        }
        Map<UUID, RoomFacts> facts = byId(rooms);
        query(connection -> figures(connection, facts, email, today));
    }

    /**
     * Adds to fully loaded rooms ({@link #load}) what engagement is computed from: each member's visits (the latest,
     * and those of the {@link #RECENT_DAYS} days to {@code today}), per member and group the tasks due so far and
     * done on time and the key updates they were expected to see ({@link Seen}: in the group when published), and
     * which buyers are key buyers (decision-makers, economic buyers, champions).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void addEngagement(Collection<RoomFacts> rooms, LocalDate today) {
        if (rooms.isEmpty()) {
            return;
        }
        Map<UUID, RoomFacts> facts = byId(rooms);
        query(connection -> {
            Array ids = connection.createArrayOf("uuid", facts.keySet().toArray());
            rows(connection, "select room_id, member_id, max(last_at), coalesce(sum(visits) filter (where day > ?), 0)"
                    + " from member_visit where room_id = any(?) group by room_id, member_id",
                    r -> facts.get(uuid(r, 1)).visits.put(uuid(r, 2), new RoomFacts.Visits(instant(r, 3), r.getInt(4))),
                    today.minusDays(RECENT_DAYS), ids);
            rows(connection, "select room_id, owner_member_id, group_id,"
                    + " count(*) filter (where due_date < ? or status = 'DONE'),"
                    + " count(*) filter (where status = 'DONE' and done_on <= due_date) from task"
                    + " where room_id = any(?) and owner_member_id is not null and due_date is not null"
                    + " group by room_id, owner_member_id, group_id",
                    r -> facts.get(uuid(r, 1)).due.add(new RoomFacts.Due(uuid(r, 2), uuid(r, 3), r.getInt(4),
                            r.getInt(5), 0)),
                    today, ids);
            rows(connection, "select e.room_id, gm.member_id, e.group_id, count(*) from room_event e"
                    + " join group_member gm on gm.group_id = e.group_id"
                    + " where e.room_id = any(?) and e.key_update and gm.joined_seq < e.seq"
                    + " group by e.room_id, gm.member_id, e.group_id",
                    r -> facts.get(uuid(r, 1)).due.add(new RoomFacts.Due(uuid(r, 2), uuid(r, 3), 0, 0, r.getInt(4))),
                    ids);
            rows(connection, "select m.room_id, m.id from member m left join committee_seat s on s.member_id = m.id"
                    + " where m.room_id = any(?) and m.side = 'BUYER' and (m.decision_maker or s.roles && "
                    + KEY_BUYER_ROLES + ")",
                    r -> facts.get(uuid(r, 1)).keyBuyers.add(uuid(r, 2)), ids);
        });
    }

    /** How many days, today included, count as recent visits. */
    static final int RECENT_DAYS = 14;

    /** The buying roles that make a buyer a key buyer, besides being a decision-maker, as an SQL array. */
    static final String KEY_BUYER_ROLES = "array['ECONOMIC_BUYER', 'CHAMPION']::varchar(32)[]";

    private static Map<UUID, RoomFacts> byId(Collection<RoomFacts> rooms) {
        Map<UUID, RoomFacts> facts = new LinkedHashMap<>();
        rooms.forEach(room -> facts.put(room.room.id(), room));
        return facts;
    }

    /** Fills the figures: the whole view's with no {@code viewer}, else only what health needs, for that email. */
    private static void figures(Connection connection, Map<UUID, RoomFacts> facts, String viewer, LocalDate today)
            throws SQLException {
        boolean full = viewer == null;
        Array ids = connection.createArrayOf("uuid", facts.keySet().toArray());
        // Health reports idleness of workstreams only: the other groups' probes are left out.
        String lastActivity = full ? LAST_ACTIVITY
                : "case when g.kind = '" + GroupKind.WORKSTREAM.name() + "' then " + LAST_ACTIVITY + " end";
        rows(connection, "select g.room_id, g.id, g.key, g.name, g.kind, g.created_at, " + lastActivity
                + " from room_group g where g.room_id = any(?)", r -> {
                    RoomFacts room = facts.get(uuid(r, 1));
                    UUID group = uuid(r, 2);
                    room.groups.add(new RoomFacts.Group(group, r.getString(3), r.getString(4), r.getString(5),
                            instant(r, 6)));
                    Instant last = instant(r, 7);
                    if (last != null) {
                        room.lastActivity.put(group, last);
                    }
                }, ids);
        RowReader membership = r -> facts.get(uuid(r, 1)).groupMembers
                .computeIfAbsent(uuid(r, 2), g -> new HashSet<>()).add(uuid(r, 3));
        if (full) {
            rows(connection, "select g.room_id, gm.group_id, gm.member_id from group_member gm"
                    + " join room_group g on g.id = gm.group_id where g.room_id = any(?)", membership, ids);
            rows(connection, "select room_id, group_id, count(*), count(*) filter (where status = 'DONE'),"
                    + " count(*) filter (where " + Overdue.sql("?") + "),"
                    + " count(*) filter (where status = 'BLOCKED'),"
                    + " min(due_date) filter (where milestone and status <> 'DONE')"
                    + " from task where room_id = any(?) group by room_id, group_id",
                    r -> facts.get(uuid(r, 1)).tasks.put(uuid(r, 2), new RoomFacts.TaskFigures(r.getInt(3),
                            r.getInt(4), r.getInt(5), r.getInt(6), r.getObject(7, LocalDate.class))),
                    today, ids);
            rows(connection, "select room_id, owner_member_id, group_id, count(*),"
                    + " count(*) filter (where " + Overdue.sql("?") + ")"
                    + " from task where room_id = any(?) and owner_member_id is not null"
                    + " group by room_id, owner_member_id, group_id",
                    r -> facts.get(uuid(r, 1)).owned.add(new RoomFacts.Owned(uuid(r, 2), uuid(r, 3), r.getInt(4),
                            r.getInt(5))),
                    today, ids);
        } else {
            rows(connection, "select m.room_id, gm.group_id, gm.member_id from member m"
                    + " join group_member gm on gm.member_id = m.id where m.email = ? and m.room_id = any(?)",
                    membership, viewer, ids);
            // Health counts a group's overdue and blocked tasks, both open ones: done tasks, two in five, are not
            // read, nor groups with neither.
            rows(connection, "select room_id, group_id, count(*) filter (where " + Overdue.sql("?") + "),"
                    + " count(*) filter (where status = 'BLOCKED') from task where room_id = any(?)"
                    + " and status <> '" + TaskStatus.DONE.name() + "' group by room_id, group_id"
                    + " having count(*) filter (where " + Overdue.sql("?") + " or status = 'BLOCKED') > 0",
                    r -> facts.get(uuid(r, 1)).tasks.put(uuid(r, 2), RoomFacts.TaskFigures.health(r.getInt(3),
                            r.getInt(4))),
                    today, ids, today);
        }
        rows(connection, "select room_id, id, group_id, title, due_date, status from task where room_id = any(?)"
                + " and milestone" + (full ? "" : " and status <> '" + TaskStatus.DONE.name() + "'")
                + " order by due_date nulls last, position",
                r -> facts.get(uuid(r, 1)).milestones.add(new RoomFacts.Milestone(uuid(r, 2), uuid(r, 3),
                        r.getString(4), r.getObject(5, LocalDate.class), r.getString(6))),
                ids);
        if (full) {
            rows(connection, "select room_id, group_id, count(*) filter (where status = 'REQUESTED'),"
                    + " count(*) filter (where status in ('APPROVED', 'REJECTED'))"
                    + " from signoff where room_id = any(?) group by room_id, group_id",
                    r -> facts.get(uuid(r, 1)).signoffs.put(uuid(r, 2), new RoomFacts.SignoffFigures(r.getInt(3),
                            r.getInt(4))),
                    ids);
        }
        rows(connection, "select room_id, seq, group_id, type, at from room_event"
                + " where room_id = any(?) and key_update order by seq",
                r -> facts.get(uuid(r, 1)).keyUpdates.add(new RoomFacts.KeyUpdate(r.getLong(2), uuid(r, 3),
                        r.getString(4), instant(r, 5))),
                ids);
        rows(connection, "select e.room_id, e.seq, gm.member_id from room_event e " + Seen.READERS
                + " where e.room_id = any(?) and e.key_update and " + Seen.OWED,
                r -> facts.get(uuid(r, 1)).owedBy.computeIfAbsent(r.getLong(2), seq -> new HashSet<>())
                        .add(uuid(r, 3)),
                ids);
        RowReader member = r -> facts.get(uuid(r, 1)).members.add(new RoomFacts.Member(uuid(r, 2), r.getString(3),
                r.getString(4), r.getString(5), r.getString(6), r.getBoolean(7), r.getBoolean(8)));
        String members = "select room_id, id, email, name, title, side, decision_maker, owner from member"
                + " where room_id = any(?)";
        if (full) {
            rows(connection, members + " order by owner desc, name", member, ids);
            rows(connection, "select room_id, member_id, group_id, last_seq, read_at from read_marker"
                    + " where room_id = any(?)",
                    r -> facts.get(uuid(r, 1)).markers.add(new RoomFacts.Marker(uuid(r, 2), uuid(r, 3), r.getLong(4),
                            instant(r, 5))),
                    ids);
        } else {
            // Health tells of other members only the key updates they owe.
            Set<UUID> owing = new HashSet<>();
            facts.values().forEach(room -> room.owedBy.values().forEach(owing::addAll));
            rows(connection, members + " and (email = ? or id = any(?)) order by owner desc, name", member, ids,
                    viewer, connection.createArrayOf("uuid", owing.toArray()));
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** Runs on the connection of the caller's transaction (the pool hands the enlisted one back). */
    private void query(Work work) {
        try (Connection connection = dataSource.getConnection()) {
            work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the rooms' figures", e);
        }
    }

    private static void rows(Connection connection, String sql, RowReader each, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    each.read(row);
                }
            }
        }
    }

    private static UUID uuid(ResultSet row, int column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}

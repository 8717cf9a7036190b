package dev.dealroom.committee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.MemberLocks;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.group.DefaultGroup;

/**
 * The buying committee: the owner sets each buyer-side member's roles and attitude ({@link Action#COMMITTEE_EDIT});
 * the steering group — the owner and the decision-makers — reads them with their coverage
 * ({@link Action#COMMITTEE_VIEW}). Nobody else gets any of it: its one event, {@code committee.changed}, is an event
 * of the {@code steering} group, whose membership follows the room's roles and cannot be edited.
 */
@ApplicationScoped
public class CommitteeService {

    private final AccessPolicy access;
    private final MemberLocks locks;
    private final EventLog events;
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration silentAfter;

    public CommitteeService(AccessPolicy access, MemberLocks locks, EventLog events, DataSource dataSource,
            DealRoomConfig config, Clock clock) {
        this.access = access;
        this.locks = locks;
        this.events = events;
        this.dataSource = dataSource;
        this.clock = clock;
        this.silentAfter = config.progress().idleAfter();
    }

    /** The committee and its gaps, their sentences in {@code language}. */
    @Transactional
    public CommitteeView view(Caller caller, String roomId, Language language) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.COMMITTEE_VIEW);
        Instant now = clock.instant();
        List<Row> rows = rows(List.of(room.roomId()), true).getOrDefault(room.roomId(), List.of());
        List<Coverage.Finding> gaps = Coverage.gaps(holders(rows), now, silentAfter);
        return new CommitteeView(room.roomId().toString(), gaps.stream().noneMatch(g -> Coverage.UNMAPPED.equals(
                g.code())), silentAfter.toDays(),
                rows.stream().map(row -> new CommitteeView.Member(row.memberId().toString(), row.name(), row.title(),
                        row.decisionMaker(), List.copyOf(row.roles()), row.attitude(), row.lastActive(),
                        Coverage.silent(row.lastActive(), now, silentAfter))).toList(),
                gaps.stream().map(gap -> new CommitteeView.Gap(gap.code(), gap.role(),
                        Messages.render(language, gap.text()))).toList());
    }

    /**
     * Sets a buyer-side member's roles and attitude, as a whole. The member's row is locked for the change, so two
     * owners' tabs take turns; a request that changes nothing records nothing.
     */
    @Transactional
    public Seat set(Caller caller, String roomId, String memberId, SeatRequest request) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.COMMITTEE_EDIT);
        Set<CommitteeRole> roles = roles(request.roles());
        Attitude attitude = attitude(request.attitude());
        RoomMember target = access.member(room, memberId);
        if (target.seller()) {
            throw ApiException.invalidField("memberId", "invalid-value", Text.of("field.committee-buyers-only"));
        }
        if (!locks.lockForChange(room.roomId(), target.id())) {
            throw ApiException.notFound();
        }
        Seat seat = new Seat(target.id().toString(), List.copyOf(roles), attitude);
        Seat before = query(connection -> current(connection, target.id()));
        if (seat.equals(before)) {
            return seat;
        }
        query(connection -> {
            write(connection, room.roomId(), target.id(), roles, attitude);
            return null;
        });
        UUID steering = access.visibleGroup(room, DefaultGroup.STEERING.key()).orElseThrow(ApiException::notFound);
        events.append(room.roomId(), EventType.COMMITTEE_CHANGED, steering, Actor.of(room.me()), seat);
        return seat;
    }

    /**
     * The gaps that health counts, for each of these rooms that has any: to be told to steering members only (the
     * caller decides who asks).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, List<Coverage.Finding>> healthGaps(Collection<UUID> roomIds, Instant now) {
        Map<UUID, List<Coverage.Finding>> gaps = new LinkedHashMap<>();
        if (roomIds.isEmpty()) {
            return gaps;
        }
        rows(roomIds, false).forEach((roomId, rows) -> {
            List<Coverage.Finding> found = Coverage.healthGaps(holders(rows), now, silentAfter);
            if (!found.isEmpty()) {
                gaps.put(roomId, found);
            }
        });
        return gaps;
    }

    private static List<Coverage.Holder> holders(List<Row> rows) {
        return rows.stream().map(row -> new Coverage.Holder(row.memberId(), row.decisionMaker(),
                row.inBusinessCase(), row.roles(), row.lastActive())).toList();
    }

    private static Set<CommitteeRole> roles(List<String> names) {
        Set<CommitteeRole> roles = EnumSet.noneOf(CommitteeRole.class);
        for (int i = 0; i < names.size(); i++) {
            try {
                roles.add(CommitteeRole.valueOf(names.get(i).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("roles[" + i + "]", "invalid-value", Text.of("field.committee-role",
                        "roles", String.join(", ", Arrays.stream(CommitteeRole.values()).map(Enum::name).toList())));
            }
        }
        return roles;
    }

    private static Attitude attitude(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Attitude.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("attitude", "invalid-value", Text.of("field.committee-attitude",
                    "attitudes", String.join(", ", Arrays.stream(Attitude.values()).map(Enum::name).toList())));
        }
    }

    /** One buyer-side member of a room, with their seat (if any) and their latest sign of life. */
    private record Row(UUID roomId, UUID memberId, String name, String title, boolean decisionMaker,
            boolean inBusinessCase, Set<CommitteeRole> roles, Attitude attitude, Instant lastActive) {
    }

    /**
     * The buyer-side members of the rooms, by room. Their latest sign of life is the newest of their joining, their
     * latest event in the room's log and their latest read; with {@code everyone} false it is read for role holders
     * only (the others' is their joining), as the rules read no more.
     */
    private Map<UUID, List<Row>> rows(Collection<UUID> roomIds, boolean everyone) {
        String activity = "greatest(m.added_at, (select e.at from room_event e where e.room_id = m.room_id"
                + " and e.actor_member_id = m.id order by e.seq desc limit 1),"
                + " (select max(r.read_at) from read_marker r where r.member_id = m.id))";
        String lastActive = everyone ? activity
                : "case when cardinality(s.roles) > 0 then " + activity + " else m.added_at end";
        String sql = "select m.room_id, m.id, m.name, m.title, m.decision_maker, exists (select 1 from group_member gm"
                + " join room_group g on g.id = gm.group_id where gm.member_id = m.id and g.key = '"
                + DefaultGroup.BUSINESS_CASE.key() + "'), array_to_string(s.roles, ','), s.attitude, " + lastActive
                + " from member m left join committee_seat s on s.member_id = m.id"
                + " where m.room_id = any(?) and m.side = 'BUYER' order by m.room_id, m.name, m.id";
        Map<UUID, List<Row>> rows = new LinkedHashMap<>();
        query(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, connection.createArrayOf("uuid", roomIds.toArray()));
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        UUID roomId = r.getObject(1, UUID.class);
                        String attitude = r.getString(8);
                        rows.computeIfAbsent(roomId, id -> new ArrayList<>()).add(new Row(roomId,
                                r.getObject(2, UUID.class), r.getString(3), r.getString(4), r.getBoolean(5),
                                r.getBoolean(6), parseRoles(r.getString(7)),
                                attitude == null ? null : Attitude.valueOf(attitude),
                                r.getObject(9, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return null;
        });
        return rows;
    }

    private static Set<CommitteeRole> parseRoles(String stored) {
        Set<CommitteeRole> roles = new TreeSet<>();
        if (stored != null && !stored.isEmpty()) {
            Arrays.stream(stored.split(",")).map(CommitteeRole::valueOf).forEach(roles::add);
        }
        return roles;
    }

    private static Seat current(Connection connection, UUID memberId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select array_to_string(roles, ','), attitude from committee_seat where member_id = ?")) {
            statement.setObject(1, memberId);
            try (ResultSet r = statement.executeQuery()) {
                if (!r.next()) {
                    return new Seat(memberId.toString(), List.of(), null);
                }
                String attitude = r.getString(2);
                return new Seat(memberId.toString(), List.copyOf(parseRoles(r.getString(1))),
                        attitude == null ? null : Attitude.valueOf(attitude));
            }
        }
    }

    private void write(Connection connection, UUID roomId, UUID memberId, Set<CommitteeRole> roles,
            Attitude attitude) throws SQLException {
        if (roles.isEmpty() && attitude == null) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from committee_seat where member_id = ?")) {
                delete.setObject(1, memberId);
                delete.executeUpdate();
            }
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("insert into committee_seat (member_id, room_id,"
                + " roles, attitude, updated_at) values (?, ?, cast(? as varchar(32)[]), ?, ?)"
                + " on conflict (member_id) do update set roles = excluded.roles, attitude = excluded.attitude,"
                + " updated_at = excluded.updated_at")) {
            upsert.setObject(1, memberId);
            upsert.setObject(2, roomId);
            upsert.setObject(3, connection.createArrayOf("varchar", roles.stream().map(Enum::name).toArray()));
            upsert.setString(4, attitude == null ? null : attitude.name());
            upsert.setObject(5, OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
            upsert.executeUpdate();
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs on the connection of the caller's transaction (the pool hands the enlisted one back). */
    private <T> T query(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read or write the buying committee", e);
        }
    }
}

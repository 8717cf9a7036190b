package dev.dealroom.progress;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.common.SqlValues;
import dev.dealroom.task.Overdue;

/**
 * Loads {@link RoomFacts} for many rooms at once: a fixed number of aggregate queries whatever the number of
 * rooms, each served by an index on {@code room_id}, so one room's progress and a 500-room pipeline cost the
 * same round trips. Overdue counts are as of {@code today}, given by the caller from the server's clock.
 */
@ApplicationScoped
public class RoomFactsLoader {

    private final EntityManager em;

    public RoomFactsLoader(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Map<UUID, RoomFacts> load(Collection<UUID> roomIds, LocalDate today) {
        Map<UUID, RoomFacts> facts = new LinkedHashMap<>();
        if (roomIds.isEmpty()) {
            return facts;
        }
        UUID[] ids = roomIds.toArray(UUID[]::new);
        rows("select id, name, prospect_account, amount, currency, target_decision_date, stage, status, created_at"
                + " from room where id = any(?1)", ids, r -> {
                    RoomFacts room = new RoomFacts();
                    room.room = new RoomFacts.Room(uuid(r[0]), (String) r[1], (String) r[2], (BigDecimal) r[3],
                            (String) r[4], date(r[5]), (String) r[6], (String) r[7], SqlValues.instant(r[8]));
                    facts.put(room.room.id(), room);
                });
        rows("select room_id, id, key, name, kind, created_at from room_group where room_id = any(?1)", ids,
                r -> facts.get(uuid(r[0])).groups.add(new RoomFacts.Group(uuid(r[1]), (String) r[2], (String) r[3],
                        (String) r[4], SqlValues.instant(r[5]))));
        rows("select room_id, id, email, name, title, side, decision_maker, owner from member"
                + " where room_id = any(?1) order by owner desc, name", ids,
                r -> facts.get(uuid(r[0])).members.add(new RoomFacts.Member(uuid(r[1]), (String) r[2], (String) r[3],
                        (String) r[4], (String) r[5], (Boolean) r[6], (Boolean) r[7])));
        rows("select g.room_id, gm.group_id, gm.member_id from group_member gm join room_group g on g.id = gm.group_id"
                + " where g.room_id = any(?1)", ids,
                r -> facts.get(uuid(r[0])).groupMembers.computeIfAbsent(uuid(r[1]), g -> new HashSet<>())
                        .add(uuid(r[2])));
        rows("select room_id, group_id, count(*), count(*) filter (where status = 'DONE'),"
                + " count(*) filter (where " + Overdue.sql("?2") + "),"
                + " count(*) filter (where status = 'BLOCKED'),"
                + " min(due_date) filter (where milestone and status <> 'DONE')"
                + " from task where room_id = any(?1) group by room_id, group_id", ids, today,
                r -> facts.get(uuid(r[0])).tasks.put(uuid(r[1]), new RoomFacts.TaskFigures(count(r[2]), count(r[3]),
                        count(r[4]), count(r[5]), date(r[6]))));
        rows("select room_id, owner_member_id, group_id, count(*),"
                + " count(*) filter (where " + Overdue.sql("?2") + ")"
                + " from task where room_id = any(?1) and owner_member_id is not null"
                + " group by room_id, owner_member_id, group_id", ids, today,
                r -> facts.get(uuid(r[0])).owned.add(new RoomFacts.Owned(uuid(r[1]), uuid(r[2]), count(r[3]),
                        count(r[4]))));
        rows("select room_id, id, group_id, title, due_date, status from task where room_id = any(?1) and milestone"
                + " order by due_date nulls last, position", ids,
                r -> facts.get(uuid(r[0])).milestones.add(new RoomFacts.Milestone(uuid(r[1]), uuid(r[2]),
                        (String) r[3], date(r[4]), (String) r[5])));
        rows("select room_id, group_id, count(*) filter (where status = 'REQUESTED'),"
                + " count(*) filter (where status in ('APPROVED', 'REJECTED'))"
                + " from signoff where room_id = any(?1) group by room_id, group_id", ids,
                r -> facts.get(uuid(r[0])).signoffs.put(uuid(r[1]), new RoomFacts.SignoffFigures(count(r[2]),
                        count(r[3]))));
        // The newest event of each group: one index probe per group on (room_id, group_id, seq).
        rows("select g.room_id, g.id, (select e.at from room_event e where e.room_id = g.room_id"
                + " and e.group_id = g.id order by e.seq desc limit 1) from room_group g where g.room_id = any(?1)",
                ids, r -> {
                    if (r[2] != null) {
                        facts.get(uuid(r[0])).lastActivity.put(uuid(r[1]), SqlValues.instant(r[2]));
                    }
                });
        rows("select room_id, seq, group_id, type, at from room_event"
                + " where room_id = any(?1) and key_update order by seq", ids,
                r -> facts.get(uuid(r[0])).keyUpdates.add(new RoomFacts.KeyUpdate(((Number) r[1]).longValue(),
                        uuid(r[2]), (String) r[3], SqlValues.instant(r[4]))));
        rows("select e.room_id, e.seq, gm.member_id from room_event e " + Seen.READERS
                + " where e.room_id = any(?1) and e.key_update and " + Seen.OWED, ids,
                r -> facts.get(uuid(r[0])).owedBy.computeIfAbsent(((Number) r[1]).longValue(), seq -> new HashSet<>())
                        .add(uuid(r[2])));
        rows("select room_id, member_id, group_id, last_seq, read_at from read_marker where room_id = any(?1)", ids,
                r -> facts.get(uuid(r[0])).markers.add(new RoomFacts.Marker(uuid(r[1]), uuid(r[2]),
                        ((Number) r[3]).longValue(), SqlValues.instant(r[4]))));
        rows("select r.id, (select e.at from room_event e join member m on m.id = e.actor_member_id"
                + " where e.room_id = r.id and m.side = 'BUYER' order by e.seq desc limit 1)"
                + " from room r where r.id = any(?1)", ids,
                r -> facts.get(uuid(r[0])).lastBuyerActivity = r[1] == null ? null : SqlValues.instant(r[1]));
        return facts;
    }

    @SuppressWarnings("unchecked")
    private void rows(String sql, UUID[] roomIds, Consumer<Object[]> each) {
        ((List<Object[]>) em.createNativeQuery(sql).setParameter(1, roomIds).getResultList())
                .forEach(each);
    }

    @SuppressWarnings("unchecked")
    private void rows(String sql, UUID[] roomIds, LocalDate today, Consumer<Object[]> each) {
        ((List<Object[]>) em.createNativeQuery(sql).setParameter(1, roomIds).setParameter(2, today).getResultList())
                .forEach(each);
    }

    private static UUID uuid(Object value) {
        return (UUID) value;
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }

    private static LocalDate date(Object value) {
        return value == null ? null : value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
    }
}

package dev.dealroom.progress;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.common.SqlValues;
import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.GroupAccess;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.event.Actor;

/**
 * What each member has read: per group, the newest seq their client has shown them (over REST or the
 * WebSocket). Markers only move forward and never past the room's newest seq. Reading is the member's own
 * state, not a change to the room, so it is not an event of the log.
 */
@ApplicationScoped
public class ReadService {

    private final EntityManager em;
    private final AccessPolicy access;
    private final Clock clock;

    public ReadService(EntityManager em, AccessPolicy access, Clock clock) {
        this.em = em;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public UnreadView markRead(Caller caller, String roomId, String groupRef, long seq) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        markRead(group, seq);
        return unread(group.room()).stream().filter(view -> view.groupId().equals(group.groupId().toString()))
                .findFirst().orElseThrow();
    }

    /** For a live connection, already admitted into the room; the group must be one of the member's. */
    @Transactional
    public void markRead(RoomAccess room, String groupRef, long seq) {
        markRead(new GroupAccess(room, access.enterGroup(room, groupRef)), seq);
    }

    private void markRead(GroupAccess group, long seq) {
        em.createNativeQuery("insert into read_marker (member_id, group_id, room_id, last_seq, read_at)"
                + " select ?1, ?2, ?3, least(?4, r.last_seq), ?5 from room r where r.id = ?3"
                + " on conflict (member_id, group_id) do update"
                + " set last_seq = greatest(read_marker.last_seq, excluded.last_seq), read_at = excluded.read_at")
                .setParameter(1, group.me().id()).setParameter(2, group.groupId()).setParameter(3, group.roomId())
                .setParameter(4, seq).setParameter(5, clock.instant()).executeUpdate();
    }

    /** Per group of the caller: what they have read, and how many events of others came after. */
    @Transactional
    public List<UnreadView> unread(Caller caller, String roomId) {
        return unread(access.enterRoom(caller, roomId));
    }

    private List<UnreadView> unread(RoomAccess room) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select gm.group_id, coalesce(rm.last_seq, 0),"
                + " (select count(*) from room_event e where e.room_id = ?1 and e.group_id = gm.group_id"
                + "  and not " + Seen.SEEN + ")"
                + " from group_member gm left join read_marker rm on rm.member_id = gm.member_id"
                + " and rm.group_id = gm.group_id where gm.member_id = ?2 and gm.group_id = any(?3)"
                + " order by gm.group_id")
                .setParameter(1, room.roomId()).setParameter(2, room.me().id())
                .setParameter(3, room.groupIds().toArray(UUID[]::new)).getResultList();
        return rows.stream().map(row -> new UnreadView(row[0].toString(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue())).toList();
    }

    /**
     * The key updates of the caller's groups, newest first, with who has seen each and who owes it
     * ({@link Seen}); a member put in the group after it is in neither list until they read it.
     */
    @Transactional
    public List<KeyUpdateView> keyUpdates(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        UUID[] groups = room.groupIds().toArray(UUID[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> updates = em.createNativeQuery("select seq, type, group_id, actor_member_id, actor_name, at"
                + " from room_event where room_id = ?1 and key_update and group_id = any(?2) order by seq desc")
                .setParameter(1, room.roomId()).setParameter(2, groups).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> readers = em.createNativeQuery("select e.seq, gm.member_id, " + Seen.SEEN + ", " + Seen.OWED
                + " from room_event e " + Seen.READERS
                + " where e.room_id = ?1 and e.key_update and e.group_id = any(?2)")
                .setParameter(1, room.roomId()).setParameter(2, groups).getResultList();
        Map<Long, List<Object[]>> bySeq = readers.stream()
                .collect(Collectors.groupingBy(row -> ((Number) row[0]).longValue()));
        List<KeyUpdateView> views = new ArrayList<>();
        for (Object[] update : updates) {
            long seq = ((Number) update[0]).longValue();
            List<String> seen = new ArrayList<>();
            List<String> notSeen = new ArrayList<>();
            for (Object[] reader : bySeq.getOrDefault(seq, List.of())) {
                if ((Boolean) reader[2]) {
                    seen.add(reader[1].toString());
                } else if ((Boolean) reader[3]) {
                    notSeen.add(reader[1].toString());
                }
            }
            seen.sort(null);
            notSeen.sort(null);
            views.add(new KeyUpdateView(seq, (String) update[1], update[2].toString(),
                    new Actor((UUID) update[3], (String) update[4]), SqlValues.instant(update[5]), seen, notSeen));
        }
        return views;
    }
}

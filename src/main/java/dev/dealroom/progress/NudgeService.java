package dev.dealroom.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.MemberLocks;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.Ids;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;

/**
 * The owner and decision-makers nudge a member about their overdue tasks or the key updates they have not
 * seen: recorded, delivered live to that member only, at most once per member, topic and (UTC) day.
 */
@ApplicationScoped
public class NudgeService {

    private final EntityManager em;
    private final AccessPolicy access;
    private final EventLog events;
    private final MemberLocks memberLocks;

    public NudgeService(EntityManager em, AccessPolicy access, EventLog events, MemberLocks memberLocks) {
        this.em = em;
        this.access = access;
        this.events = events;
        this.memberLocks = memberLocks;
    }

    @Transactional
    public NudgeView nudge(Caller caller, String roomId, String memberId, NudgeTopic topic) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.requireManager(room);
        RoomMember member = access.member(room, memberId);
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // Serialise nudges of this member so the once-a-day rule holds under concurrent clicks.
        if (!memberLocks.lockForChange(room.roomId(), member.id())) {
            throw ApiException.notFound();
        }
        long earlier = ((Number) em.createNativeQuery("select count(*) from nudge where member_id = ?1"
                + " and topic = ?2 and sent_on = ?3").setParameter(1, member.id()).setParameter(2, topic.name())
                .setParameter(3, today).getSingleResult()).longValue();
        if (earlier > 0) {
            throw new ApiException(ProblemCode.NUDGE_LIMIT, member.name() + " was already nudged about this today");
        }
        UUID id = Ids.newId();
        em.createNativeQuery("insert into nudge (id, room_id, member_id, topic, by_member_id, sent_on, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, id).setParameter(2, room.roomId())
                .setParameter(3, member.id()).setParameter(4, topic.name()).setParameter(5, room.me().id())
                .setParameter(6, today).setParameter(7, now).executeUpdate();
        NudgeView view = new NudgeView(id.toString(), member.id().toString(), topic, room.me().id().toString(),
                count(room.roomId(), member.id(), topic), now);
        events.append(room.roomId(), EventType.NUDGE_SENT, null, Actor.of(room.me()), view);
        return view;
    }

    /** The member's own figures: their overdue tasks, or the key updates of their groups they have not seen. */
    private int count(UUID roomId, UUID memberId, NudgeTopic topic) {
        String sql = topic == NudgeTopic.OVERDUE_TASKS
                ? "select count(*) from task where room_id = ?1 and owner_member_id = ?2"
                        + " and due_date < current_date and status <> 'DONE'"
                : "select count(*) from room_event e join group_member gm on gm.group_id = e.group_id"
                        + " and gm.member_id = ?2 left join read_marker m on m.member_id = ?2 and m.group_id = e.group_id"
                        + " where e.room_id = ?1 and e.key_update and e.seq > coalesce(m.last_seq, 0)"
                        + " and e.actor_member_id is distinct from ?2";
        List<?> rows = em.createNativeQuery(sql).setParameter(1, roomId).setParameter(2, memberId).getResultList();
        return ((Number) rows.get(0)).intValue();
    }
}

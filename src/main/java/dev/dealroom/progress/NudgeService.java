package dev.dealroom.progress;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
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
import dev.dealroom.common.i18n.Text;

/**
 * The owner and decision-makers nudge a member about their overdue tasks or the key updates they have not
 * seen: recorded, delivered live to that member only, at most once per member, topic and day (of the server's
 * clock, in {@code dealroom.time-zone}). The count a nudge carries is the member's figure in the sender's
 * coordination view, so it follows the same rules.
 */
@ApplicationScoped
public class NudgeService {

    private final EntityManager em;
    private final AccessPolicy access;
    private final EventLog events;
    private final ProgressService progress;
    private final Clock clock;
    private final MemberLocks memberLocks;

    public NudgeService(EntityManager em, AccessPolicy access, EventLog events, ProgressService progress,
            Clock clock, MemberLocks memberLocks) {
        this.em = em;
        this.access = access;
        this.events = events;
        this.progress = progress;
        this.clock = clock;
        this.memberLocks = memberLocks;
    }

    @Transactional
    public NudgeView nudge(Caller caller, String roomId, String memberId, NudgeTopic topic) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.NUDGE_SEND);
        RoomMember member = access.member(room, memberId);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        // Serialise nudges of this member so the once-a-day rule holds under concurrent clicks.
        if (!memberLocks.lockForChange(room.roomId(), member.id())) {
            throw ApiException.notFound();
        }
        long earlier = ((Number) em.createNativeQuery("select count(*) from nudge where member_id = ?1"
                + " and topic = ?2 and sent_on = ?3").setParameter(1, member.id()).setParameter(2, topic.name())
                .setParameter(3, today).getSingleResult()).longValue();
        if (earlier > 0) {
            throw new ApiException(ProblemCode.NUDGE_LIMIT, Text.of("detail.nudge-limit", "name", member.name()));
        }
        UUID id = Ids.newId();
        em.createNativeQuery("insert into nudge (id, room_id, member_id, topic, by_member_id, sent_on, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, id).setParameter(2, room.roomId())
                .setParameter(3, member.id()).setParameter(4, topic.name()).setParameter(5, room.me().id())
                .setParameter(6, today).setParameter(7, now).executeUpdate();
        NudgeView view = new NudgeView(id.toString(), member.id().toString(), topic, room.me().id().toString(),
                count(room, member.id(), topic), now);
        events.append(room.roomId(), EventType.NUDGE_SENT, null, Actor.of(room.me()), view);
        return view;
    }

    /** The member's figure the nudge is about, as the sender's coordination view shows it. */
    private int count(RoomAccess room, UUID memberId, NudgeTopic topic) {
        String id = memberId.toString();
        ProgressView.StakeholderProgress figures = progress.progress(room).stakeholders().stream()
                .filter(stakeholder -> stakeholder.memberId().equals(id)).findFirst().orElseThrow();
        return topic == NudgeTopic.OVERDUE_TASKS ? figures.tasksOverdue() : figures.keyUpdatesNotSeen();
    }
}

package dev.dealroom.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.SqlValues;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Tells the owner of an open room when a key buyer — a buyer-side decision-maker, or a member whose buying roles
 * include {@code ECONOMIC_BUYER} or {@code CHAMPION} — has not visited for {@code dealroom.engagement.quiet-after}
 * (7 days), and again when that buyer visits after it: an {@code engagement.alert} event only the owner receives,
 * and an email within their settings ({@code notification.Notifier}). A buyer who never visited has not gone quiet
 * and is not reported (the view says {@code NOT_YET_VISITED}).
 *
 * <p>Each transition is told once, whichever node checks and however often: an {@code engagement_alert} row is
 * inserted with the quiet alert ({@code on conflict do nothing}) and deleted with the return ({@code delete ...
 * returning}), each in the transaction that appends its event. A closed room alerts nobody; its rows wait.
 */
@ApplicationScoped
public class EngagementAlerts {

    private static final Logger LOG = Logger.getLogger(EngagementAlerts.class);

    /** A member's last visit: one probe of the primary key (member_id, day). */
    private static final String LAST_VISIT = "(select v.last_at from member_visit v where v.member_id = m.id"
            + " order by v.day desc limit 1)";

    /** The alert's actor: nobody did anything, the server noticed. */
    private static final Actor SERVER = new Actor(null, "Deal Room");

    private final EntityManager em;
    private final EventLog events;
    private final Clock clock;
    private final Duration quietAfter;

    EngagementAlerts(EntityManager em, EventLog events, Clock clock, DealRoomConfig config) {
        this.em = em;
        this.events = events;
        this.clock = clock;
        this.quietAfter = config.engagement().quietAfter();
    }

    @Scheduled(every = "{dealroom.engagement.check-every}", identity = "engagement-alerts",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        check();
    }

    /** Looks for key buyers gone quiet or back now, and tells their owners; answers how many alerts were sent. */
    public int check() {
        Instant now = clock.instant();
        int sent = 0;
        for (Object[] row : QuarkusTransaction.requiringNew().call(() -> quiet(now))) {
            sent += alert(row, EngagementAlert.Kind.QUIET, now) ? 1 : 0;
        }
        for (Object[] row : QuarkusTransaction.requiringNew().call(this::back)) {
            sent += alert(row, EngagementAlert.Kind.BACK, now) ? 1 : 0;
        }
        return sent;
    }

    /** Key buyers of open rooms whose last visit is older than the quiet time, not reported yet. */
    @SuppressWarnings("unchecked")
    private List<Object[]> quiet(Instant now) {
        return em.createNativeQuery("select room_id, id, name, title, owner_id, last_visit from (select m.room_id,"
                + " m.id, m.name, m.title, o.id owner_id, " + LAST_VISIT + " last_visit from member m"
                + " join room r on r.id = m.room_id and r.closed_at is null"
                + " join member o on o.room_id = m.room_id and o.owner"
                + " left join committee_seat s on s.member_id = m.id"
                + " where m.side = 'BUYER' and (m.decision_maker or s.roles && " + RoomFactsLoader.KEY_BUYER_ROLES + ")"
                + " and not exists (select 1 from engagement_alert a where a.member_id = m.id)) k"
                + " where last_visit <= ?1")
                .setParameter(1, now.minus(quietAfter)).getResultList();
    }

    /** Members of open rooms reported quiet who have visited since. */
    @SuppressWarnings("unchecked")
    private List<Object[]> back() {
        return em.createNativeQuery("select room_id, id, name, title, owner_id, last_visit from (select m.room_id,"
                + " m.id, m.name, m.title, o.id owner_id, a.last_visit, " + LAST_VISIT + " visit"
                + " from engagement_alert a join member m on m.id = a.member_id"
                + " join room r on r.id = a.room_id and r.closed_at is null"
                + " join member o on o.room_id = m.room_id and o.owner) k where visit > last_visit")
                .getResultList();
    }

    /** Claims the transition and appends its event, in one transaction; false if another check claimed it first. */
    private boolean alert(Object[] row, EngagementAlert.Kind kind, Instant now) {
        UUID roomId = (UUID) row[0];
        UUID buyerId = (UUID) row[1];
        Instant lastVisit = SqlValues.instant(row[5]);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                int claimed = kind == EngagementAlert.Kind.QUIET
                        // claimed only if that visit is still their last: a buyer who came back since the look
                        // is not reported quiet (and then back)
                        ? em.createNativeQuery("insert into engagement_alert (member_id, room_id, last_visit,"
                                + " alerted_at) select ?1, ?2, ?3, ?4 where (select v.last_at from member_visit v"
                                + " where v.member_id = ?1 order by v.day desc limit 1) = ?3 on conflict do nothing")
                                .setParameter(1, buyerId).setParameter(2, roomId).setParameter(3, lastVisit)
                                .setParameter(4, now).executeUpdate()
                        : em.createNativeQuery("delete from engagement_alert where member_id = ?1 and last_visit = ?2")
                                .setParameter(1, buyerId).setParameter(2, lastVisit).executeUpdate();
                if (claimed == 0) {
                    return false;
                }
                events.append(roomId, EventType.ENGAGEMENT_ALERT, null, SERVER,
                        new EngagementAlert(row[4].toString(), buyerId.toString(), (String) row[2],
                                (String) row[3], kind, lastVisit, Duration.between(lastVisit, now).toDays()));
                return true;
            });
        } catch (ApiException closed) {
            // the room closed meanwhile: nothing was claimed, nobody is told
            LOG.debugf("Room %s closed before its engagement alert", roomId);
            return false;
        } catch (RuntimeException e) {
            // one room's failure does not hold back the others' alerts; the next check tries it again
            LOG.errorf(e, "Could not alert the owner of room %s about member %s", roomId, buyerId);
            return false;
        }
    }
}

package dev.dealroom.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.SqlValues;

/**
 * Records members' visits, the first engagement signal: a member's client saying it opened the room
 * ({@code POST /api/rooms/{id}/visits}, which the web page sends once when its reader enters the room, never when it
 * reloads by itself) is a visit, unless the member opened it less than {@code dealroom.engagement.visit-gap}
 * (30 minutes) before, which continues the same visit. Only the buyer's side of an open room is recorded: nothing
 * reads the others'. One row per member and day of the server's zone; a visit that goes on past midnight counts on
 * both days.
 */
@ApplicationScoped
public class Visits {

    /** Openings closer than this to the last recorded one write nothing: a reload costs no write. */
    private static final Duration SAME_MOMENT = Duration.ofMinutes(1);

    private final EntityManager em;
    private final Clock clock;
    private final Duration gap;

    private final AccessPolicy access;

    public Visits(EntityManager em, Clock clock, DealRoomConfig config, AccessPolicy access) {
        this.em = em;
        this.clock = clock;
        this.gap = config.engagement().visitGap();
        this.access = access;
    }

    /**
     * The caller's client opened the room: their visit, when they are of the buyer's side of an open room.
     *
     * @return whether it counts (a reopening within the gap counts as the same visit)
     */
    @Transactional
    public Visit visited(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        boolean counted = !room.me().seller() && room.me().roomClosedAt() == null;
        if (counted) {
            opened(room.roomId(), room.me().id());
        }
        return new Visit(counted);
    }

    /** @param counted whether engagement counts the caller's visits: a buyer-side member of an open room */
    public record Visit(boolean counted) {
    }

    /** The member opened the room now: one statement, a new visit only after the gap. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void opened(UUID roomId, UUID memberId) {
        Instant now = clock.instant();
        em.createNativeQuery("insert into member_visit (member_id, day, room_id, visits, first_at, last_at)"
                + " values (?1, ?2, ?3, 1, ?4, ?4) on conflict (member_id, day) do update"
                + " set visits = member_visit.visits + case when member_visit.last_at <= ?5 then 1 else 0 end,"
                + " last_at = excluded.last_at where member_visit.last_at < ?6")
                .setParameter(1, memberId)
                .setParameter(2, LocalDate.ofInstant(now, clock.getZone()))
                .setParameter(3, roomId)
                .setParameter(4, now)
                .setParameter(5, now.minus(gap))
                .setParameter(6, now.minus(SAME_MOMENT))
                .executeUpdate();
    }

    /**
     * The caller's own recorded visits to the room, one row a day, oldest first: their data, for their export.
     *
     * @param visits the visits counted that day
     */
    public record VisitDay(LocalDate day, int visits, Instant firstAt, Instant lastAt) {
    }

    @Transactional
    public List<VisitDay> mine(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select day, visits, first_at, last_at from member_visit"
                + " where member_id = ?1 and room_id = ?2 order by day")
                .setParameter(1, room.me().id()).setParameter(2, room.roomId()).getResultList();
        return rows.stream().map(row -> new VisitDay(SqlValues.localDate(row[0]), ((Number) row[1]).intValue(),
                SqlValues.instant(row[2]), SqlValues.instant(row[3]))).toList();
    }
}

package dev.dealroom.event.live;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.Hashes;
import dev.dealroom.common.RateLimits;
import dev.dealroom.common.SqlValues;

/**
 * Issues and redeems WebSocket tickets: 256 random bits, valid for seconds, for one room, usable once, on any
 * node (they live in PostgreSQL, as a hash only).
 */
@ApplicationScoped
public class LiveTicketService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final AccessPolicy access;
    private final DealRoomConfig config;
    private final RateLimits limits;
    private final Clock clock;

    public LiveTicketService(EntityManager em, AccessPolicy access, DealRoomConfig config, RateLimits limits,
            Clock clock) {
        this.em = em;
        this.access = access;
        this.config = config;
        this.limits = limits;
        this.clock = clock;
    }

    @Transactional
    public LiveTicket issue(Caller caller, Optional<Instant> sessionEnds, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        refuseIfTooManyUnused(caller.subject());
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = clock.instant().plus(config.live().ticketTtl()).truncatedTo(ChronoUnit.MILLIS);
        em.createNativeQuery("insert into live_ticket (hash, room_id, subject, email, name, expires_at,"
                + " session_ends_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, Hashes.sha256Hex(ticket))
                .setParameter(2, room.roomId())
                .setParameter(3, caller.subject())
                .setParameter(4, caller.memberEmail().orElseThrow())
                .setParameter(5, caller.name())
                .setParameter(6, expiresAt)
                .setParameter(7, sessionEnds.orElse(null))
                .executeUpdate();
        return new LiveTicket(ticket, expiresAt);
    }

    /**
     * A login holds few tickets at once: each is a row until it is used or expires. Its requests take turns here, on
     * every node, so that concurrent ones cannot all take the last one.
     */
    private void refuseIfTooManyUnused(String subject) {
        RateLimits.Limit limit = limits.liveTickets();
        limits.takeTurns(limit, subject);
        em.createNativeQuery("delete from live_ticket where expires_at < now()").executeUpdate();
        Object[] unused = (Object[]) em.createNativeQuery("select count(*), min(expires_at) from live_ticket"
                + " where subject = ?1").setParameter(1, subject).getSingleResult();
        limits.check(limit, ((Number) unused[0]).longValue(), unused[1] == null ? null : SqlValues.instant(unused[1]));
    }

    /**
     * Who a ticket was issued to and when their login expires, if it is for this room, unexpired and unused;
     * it is used up now.
     */
    @Transactional
    public Optional<Admitted> redeem(String ticket, String roomId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("delete from live_ticket where hash = ?1"
                + " returning cast(room_id as text), subject, email, name, expires_at > now(), session_ends_at")
                .setParameter(1, Hashes.sha256Hex(ticket))
                .getResultList();
        return rows.stream()
                .filter(row -> roomId.equals(row[0]) && Boolean.TRUE.equals(row[4]))
                .findFirst()
                .map(row -> new Admitted(new Caller((String) row[1], Optional.of((String) row[2]), (String) row[3]),
                        Optional.ofNullable(SqlValues.instant(row[5]))));
    }

    /** A caller let in through a ticket, and when the login the ticket was issued to expires. */
    public record Admitted(Caller caller, Optional<Instant> sessionEnds) {
    }
}

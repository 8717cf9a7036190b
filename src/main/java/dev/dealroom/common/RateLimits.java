package dev.dealroom.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.common.error.RateLimitedException;
import dev.dealroom.common.i18n.Text;

/**
 * The limits a login meets, by name, and the one refusal they share: 429 {@code rate-limited} with
 * {@code Retry-After}. Limits on what the database already holds (rooms opened, invitation emails sent, unused live
 * tickets) are counted by their feature, in the transaction that would add one more and under a lock that makes the
 * login's (for emails, the address's) concurrent requests take turns on every node, then checked here. The write
 * rate is counted here, in one row per login. Sockets are counted by the node that holds them: they are a node's resource, and a login that
 * spreads its sockets over the nodes spends each node's share only.
 */
@ApplicationScoped
public class RateLimits {

    /**
     * A limit: at most {@code max} uses per {@code period} (for things held rather than made, the longest hold).
     *
     * @param name what it counts, in English, for logs and lock keys; {@code limit.<key>} says it to people
     */
    public record Limit(String key, String name, int max, Duration period) {
    }

    /** A socket frees when its client closes it, which the server cannot foresee: clients are told to wait this. */
    private static final Duration SOCKET_RETRY = Duration.ofSeconds(30);

    /** Advisory locks of the limits, apart from every other advisory lock (two-key form, this first key). */
    private static final int LOCK_SPACE = 14_429;

    /**
     * Counts one write of login {@code :subject} in the minute {@code :minute} and returns {@code writes, window_start}:
     * see {@link #countWrite}. One-statement writes ({@link OneStatement}) fold it into their statement.
     */
    public static final String COUNT_WRITE = "insert into write_rate_counter (subject, window_start, writes)"
            + " values (:subject, :minute, 1) on conflict (subject) do update set"
            + " writes = case when excluded.window_start > write_rate_counter.window_start"
            + " then 1 else write_rate_counter.writes + 1 end,"
            + " window_start = greatest(write_rate_counter.window_start, excluded.window_start)"
            + " returning writes, window_start";

    private final EntityManager em;
    private final DealRoomConfig config;
    private final Clock clock;

    public RateLimits(EntityManager em, DealRoomConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    public Limit writes() {
        return new Limit("writes", "write requests per minute", config.limits().writesPerMinute(), Duration.ofMinutes(1));
    }

    public Limit roomsOpened() {
        return new Limit("rooms", "rooms opened in 24 hours", config.limits().roomsPerDay(), Duration.ofDays(1));
    }

    /**
     * Invitation emails to one address, across every room: keyed by the address, not by a member, so that
     * removing and adding someone again, or adding them to another room, still counts.
     */
    public Limit invitationMails() {
        return new Limit("invitation-mails", "invitation emails to one address in an hour", config.limits().invitationsPerMemberPerHour(),
                Duration.ofHours(1));
    }

    /** Downloads of a room or of one's own data: each reads whole rooms, documents included. */
    public Limit exports() {
        return new Limit("exports", "exports downloaded in an hour", config.limits().exportsPerHour(),
                Duration.ofHours(1));
    }

    public Limit liveTickets() {
        return new Limit("live-tickets", "unused live tickets at once", config.limits().liveTicketsPerLogin(),
                config.live().ticketTtl());
    }

    public Limit sockets() {
        return new Limit("sockets", "open sockets to one room", config.limits().socketsPerRoom(), SOCKET_RETRY);
    }

    /** Now, by the clock the limits count with: a use recorded at this instant counts for one period. */
    public Instant now() {
        return clock.instant();
    }

    /** Where the limit's period, ending now, starts: the uses made since count. */
    public Instant periodStart(Limit limit) {
        return clock.instant().minus(limit.period());
    }

    /**
     * Refuses one more use when {@code used} uses already count against the limit.
     *
     * @param freed when the oldest of them stops counting, so that one more would be accepted (null: a whole period
     *              from now)
     */
    public void check(Limit limit, long used, Instant freed) {
        if (used >= limit.max()) {
            throw refusal(limit, freed);
        }
    }

    /** The refusal of a limit that has been reached; {@code freed}: when it will accept one more. */
    private RateLimitedException refusal(Limit limit, Instant freed) {
        if (freed == null) {
            freed = clock.instant().plus(limit.period());
        }
        long seconds = Math.max(1, (Duration.between(clock.instant(), freed).toMillis() + 999) / 1000);
        return new RateLimitedException(Text.of("detail.rate-limited", "limit",
                Text.of("limit." + limit.key(), "count", limit.max()), "count", seconds), seconds);
    }

    /**
     * Makes the checks of a limit for one key (a login, an email) take turns on every node until the transaction
     * ends, so that concurrent requests cannot all see the last free use. (It selects a constant: the lock function
     * returns {@code void}, a column type Hibernate fails to register, throwing and catching an exception each time.)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void takeTurns(Limit limit, String key) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, LOCK_SPACE).setParameter(2, limit.name() + "\n" + key).getSingleResult();
    }

    /**
     * Counts one write request of this login, in a transaction of its own (its row is held only for that moment),
     * and refuses it past the minute's limit. The count is one row per login in PostgreSQL, shared by every node;
     * the minute is the clock's, so a login may burst at most twice the limit across a minute's turn. The row's
     * minute only moves forward: a node whose clock lags counts into the minute a node ahead has started, rather
     * than start its own again (nodes taking turns would otherwise reset each other's counts, and no count would
     * ever reach the limit).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void countWrite(String subject) {
        Object[] counted = (Object[]) em.createNativeQuery(COUNT_WRITE)
                .setParameter("subject", subject).setParameter("minute", writeWindow()).getSingleResult();
        checkWrites(((Number) counted[0]).intValue(), SqlValues.instant(counted[1]));
    }

    /** The minute a write made now counts in: the value of {@link #COUNT_WRITE}'s {@code :minute}. */
    public Instant writeWindow() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }

    /** Refuses the write that {@link #COUNT_WRITE} counted as the {@code writes}-th of the minute it returned. */
    public void checkWrites(int writes, Instant windowStart) {
        Limit limit = writes();
        check(limit, writes - 1L, windowStart.plus(limit.period()));
    }
}

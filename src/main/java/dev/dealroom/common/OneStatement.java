package dev.dealroom.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.GroupAccess;
import dev.dealroom.access.MembershipCache;
import dev.dealroom.access.MembershipCache.GroupClaim;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;

/**
 * A change written in one statement and one commit: what every such write shares, so that each states only its own
 * guard and its own item. The statement counts the request against the login's write rate
 * ({@link RateLimits#COUNT_WRITE}), checks the write's guard (the admission {@link AccessPolicy} would decide, as SQL
 * with {@link MembershipCache}'s claim as its parameters, and whatever else the write requires), then bumps the room's
 * {@code seq} and writes the item, its event and, for a create sent with a retry id, its retry record together: the
 * rows the ordinary path writes, in one transaction (invariants 2, 3 and 7). Concurrent writers to a room take turns
 * on the room row as they do there.
 *
 * <p>
 * A create ({@link #create}) bumps the {@code seq} first and inserts the item from it; two requests with one retry id
 * meet on the record's primary key, and the one that loses rolls back whole. A change ({@link #change}) updates its
 * item first, with the item's own condition (its author, its state) in the update: the update takes the item's row
 * lock, and once it has it PostgreSQL checks the condition again on the row as the write before it left it, so a
 * change made stale by a concurrent one finds nothing to update (invariant 6). Only an updated item bumps the
 * {@code seq}, and the event's view is built from the row the update returns.
 *
 * <p>
 * When the statement declines — the claim no longer holds, the item's condition does not, the retry id is used —
 * nothing but the rate count is written, and {@link #write} takes the ordinary path, which answers as it always has:
 * a statement need only recognise the writes it makes, never say why it does not.
 */
@ApplicationScoped
public class OneStatement {

    /** PostgreSQL's unique_violation: a concurrent request with the same retry id committed first. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Everything the statement may write rests on these: the guard held, the request is within the rate, and the room
     * has no enabled webhook — whose deliveries the ordinary path queues with the event, in its transaction
     * ({@code webhook.WebhookQueue}); the statement leaves such a room to it.
     */
    private static final String MAY_WRITE = "exists (select 1 from admitted)"
            + " and (select writes from counted) <= :limit"
            + " and not exists (select 1 from webhook w where w.room_id = :room and w.enabled)";

    /** The event, from {@code payload}: its seq, its view and whether it is a key update. */
    private static final String LOGGED = " logged as (insert into room_event (room_id, seq, type, group_id,"
            + " actor_member_id, actor_name, at, data, key_update) select :room, seq, :type, :group, :member, :name,"
            + " :at, view, key_update from payload returning cast(data as text) as data)";

    /**
     * What the statement did; last, whether the room it bumped turned out closed: a close that committed while the
     * statement waited for the room's row, which the guard read before (the statement is then rolled back).
     */
    private static final String RESULT = " select c.writes, c.window_start, exists (select 1 from admitted),"
            + " (select seq from payload), (select data from logged),"
            + " coalesce((select closed_at is not null from bumped), false) from counted c";

    /** A retry id's record, for a create: {@code key} null when the request came without one. */
    public record Retry(String operation, String key, String requestHash) {
    }

    /** What the statement did. */
    public sealed interface Outcome<T> {
    }

    /** Written and committed: the answer, and the event as stored, for the observers. */
    public record Written<T>(T answer, EventCommitted event) implements Outcome<T> {
    }

    /**
     * Nothing written: take the ordinary path.
     *
     * @param counted  whether the write was counted against the login's rate (committed)
     * @param admitted whether the claim held; when it did not, it is stale
     */
    public record Declined<T>(boolean counted, boolean admitted) implements Outcome<T> {
    }

    private final DataSource dataSource;
    private final AccessPolicy access;
    private final MembershipCache membership;
    private final EventLog events;
    private final RateLimits limits;
    private final Clock clock;
    private final boolean installationWebhook;

    public OneStatement(DataSource dataSource, AccessPolicy access, MembershipCache membership, EventLog events,
            RateLimits limits, Clock clock, DealRoomConfig config) {
        this.dataSource = dataSource;
        this.access = access;
        this.membership = membership;
        this.events = events;
        this.limits = limits;
        this.clock = clock;
        this.installationWebhook = config.webhooks().installation().url().isPresent();
    }

    /**
     * A create's statement.
     *
     * @param guard a condition on the parameters: the admission and the write's own rules
     * @param item  the item's {@code insert … select … from payload}, whose {@code seq} is the event's; a view with
     *              a {@code seq} of its own (a post's place in its thread) is given the event's
     */
    public static NamedSql create(String guard, String item) {
        return NamedSql.of("with counted as (" + RateLimits.COUNT_WRITE + "),"
                + " admitted as (select 1 where " + guard + "),"
                + " bumped as (update room set last_seq = last_seq + 1 where id = :room and " + MAY_WRITE
                + "   and (cast(:key as text) is null or not exists (select 1 from idempotency_key k"
                + "     where k.subject = :subject and k.operation = :operation and k.key = cast(:key as text)))"
                + "   returning last_seq, closed_at),"
                + " payload as (select last_seq as seq,"
                + "   jsonb_set(cast(:view as jsonb), '{seq}', to_jsonb(last_seq), false) as view,"
                + "   cast(:keyUpdate as boolean) as key_update from bumped),"
                + " item as (" + item + "),"
                + " remembered as (insert into idempotency_key (subject, operation, key, request_hash, response,"
                + "   created_at) select :subject, :operation, cast(:key as text), cast(:hash as text), view, :at"
                + "   from payload where cast(:key as text) is not null),"
                + LOGGED + RESULT);
    }

    /**
     * A change's statement.
     *
     * @param guard     a condition on the parameters: the admission and the write's own rules
     * @param update    the item's {@code update … where …}, its condition on the row included (the statement adds
     *                  its own)
     * @param returning what the update returns of the row, for the view
     * @param view      the event's payload, as {@code jsonb}, from what the update returned
     * @param keyUpdate whether the event is a key update, from what the update returned
     */
    public static NamedSql change(String guard, String update, String returning, String view, String keyUpdate) {
        return NamedSql.of("with counted as (" + RateLimits.COUNT_WRITE + "),"
                + " admitted as (select 1 where " + guard + "),"
                + " changed as (" + update + " and " + MAY_WRITE + " returning " + returning + "),"
                + " bumped as (update room set last_seq = last_seq + 1 where id = :room"
                + "   and exists (select 1 from changed) returning last_seq, closed_at),"
                + " payload as (select b.last_seq as seq, " + view + " as view, " + keyUpdate + " as key_update"
                + "   from bumped b cross join changed),"
                + LOGGED + RESULT);
    }

    /**
     * A {@code timestamptz} column as JSON, written as Jackson writes an {@link Instant} (UTC, the fraction in as many
     * groups of three digits as it needs), so that a view built in a statement reads as the ordinary path's; null
     * stays null.
     */
    public static String instantJson(String column) {
        String micros = "mod(extract(microseconds from " + column + "), 1000000)";
        return "to_jsonb(to_char(" + column + " at time zone 'UTC', case when " + micros + " = 0"
                + " then 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"' when mod(" + micros + ", 1000) = 0"
                + " then 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"' else 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"' end))";
    }

    /** Now, to the microsecond as the database keeps it: the statement's {@code :at}. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Makes a write with its statement when the request fits one and this node remembers the login's admission into
     * the group; otherwise, or when the statement declines, with the ordinary path, in one transaction, after
     * {@link AccessPolicy#enterGroup} (whose admission it remembers). The request is counted against the login's write
     * rate exactly once either way.
     *
     * @param statement the write's statement, for the claim; null when the request does not fit one
     * @param ordinary  the ordinary path, for the group the caller was admitted into
     */
    public <T> T write(Caller caller, String roomId, String groupRef, Function<GroupClaim, Outcome<T>> statement,
            Function<GroupAccess, T> ordinary) {
        boolean counted = false;
        // the installation's webhook queues a delivery of every event: only the ordinary path writes one
        Optional<GroupClaim> claim = statement != null && !QuarkusTransaction.isActive() && !installationWebhook
                ? membership.claim(caller, roomId, groupRef) : Optional.empty();
        if (claim.isPresent()) {
            Outcome<T> outcome = statement.apply(claim.get());
            if (outcome instanceof Written<T> written) {
                events.committedElsewhere(written.event());
                return written.answer();
            }
            Declined<T> declined = (Declined<T>) outcome;
            if (!declined.admitted()) {
                membership.forget(caller, claim.get(), groupRef);
            }
            counted = declined.counted();
        }
        if (!counted) {
            limits.countWrite(caller.subject());
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            GroupAccess group = access.enterGroup(caller, roomId, groupRef);
            membership.remember(caller, groupRef, group);
            return ordinary.apply(group);
        });
    }

    /**
     * Runs a statement of {@link #create} or {@link #change} for {@code claim}'s member, and commits it. Throws
     * {@code RateLimitedException} past the login's write rate (the count is committed, as
     * {@link RateLimits#countWrite} commits it).
     *
     * @param at     the statement's {@code :at}, from {@link #now}: the event's time, and the item's
     * @param retry  a create's retry record; null for a change
     * @param own    the values of the write's own parameters
     * @param answer the answer, from the event as stored, once committed
     */
    public <T> Outcome<T> execute(NamedSql statement, Caller caller, GroupClaim claim, EventType type, Instant at,
            Retry retry, Map<String, Object> own, Function<EventCommitted, T> answer) {
        Map<String, Object> values = new HashMap<>(own);
        values.put("subject", caller.subject());
        values.put("minute", limits.writeWindow());
        values.put("limit", limits.writes().max());
        values.put("member", claim.me().id());
        values.put("room", claim.roomId());
        values.put("email", claim.email());
        values.put("name", claim.me().name());
        values.put("group", claim.groupId());
        values.put("at", at);
        values.put("type", type.wireName());
        if (retry != null) {
            values.put("operation", retry.operation());
            values.put("key", retry.key());
            values.put("hash", retry.requestHash());
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return execute(connection, statement, values, claim, type, at, answer);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return new Declined<>(false, true);
            }
            throw new IllegalStateException("Writing a " + type.wireName() + " in one statement failed", e);
        }
    }

    private <T> Outcome<T> execute(Connection connection, NamedSql statement, Map<String, Object> values,
            GroupClaim claim, EventType type, Instant at, Function<EventCommitted, T> answer) throws SQLException {
        try (PreparedStatement prepared = statement.prepare(connection, values);
                ResultSet row = prepared.executeQuery()) {
            row.next();
            int writes = row.getInt(1);
            Instant window = row.getObject(2, OffsetDateTime.class).toInstant();
            boolean admitted = row.getBoolean(3);
            long seq = row.getLong(4);
            boolean wrote = !row.wasNull();
            String data = row.getString(5);
            if (row.getBoolean(6)) {
                // The room closed while this waited for it: nothing is written, the ordinary path answers.
                connection.rollback();
                return new Declined<>(false, true);
            }
            connection.commit();
            if (wrote) {
                EventCommitted event = new EventCommitted(claim.roomId(), seq, type, claim.groupId(),
                        Actor.of(claim.me()), at, data);
                return new Written<>(answer.apply(event), event);
            }
            limits.checkWrites(writes, window);
            return new Declined<>(true, admitted);
        }
    }
}

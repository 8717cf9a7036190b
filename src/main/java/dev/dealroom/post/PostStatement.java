package dev.dealroom.post;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.MembershipCache.GroupClaim;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.NamedSql;
import dev.dealroom.common.RateLimits;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventType;

/**
 * Writes a post in one statement and one commit — the hot path of a discussion. The statement counts the write
 * against the login's rate, checks the admission that {@link AccessPolicy} would decide (member of the room and of the
 * group, a manager for an announcement, a top-level post of the group to reply to) and that the retry id is unused,
 * then bumps the room's {@code seq}, inserts the post, its event and its retry record together: the same rows, in the
 * same transaction, as the ordinary path writes (invariants 2, 3 and 7). Concurrent writers to a room take turns on
 * the room row as they do there; two requests with one retry id meet on the record's primary key, and the one that
 * loses rolls back whole and takes the ordinary path, which answers with the original.
 *
 * <p>
 * It covers posts that mention nobody (mentions send emails, which the ordinary path's transaction records). When
 * the statement declines — the claim no longer holds, the retry id is used — nothing but the rate count is written,
 * and the caller takes the ordinary path, which answers as it always has.
 */
@ApplicationScoped
class PostStatement {

    static final String OPERATION = "post.create";

    private static final NamedSql WRITE = NamedSql.of("with counted as (" + RateLimits.COUNT_WRITE + "),"
            + " admitted as (select 1 where " + AccessPolicy.ADMITTED_TO_GROUP
            + "   and (not :announcement or " + AccessPolicy.MANAGES_ROOM + ")"
            + "   and (cast(:parent as uuid) is null or exists (select 1 from post p where p.id = cast(:parent as uuid)"
            + "     and p.group_id = :group and p.parent_id is null))),"
            + " bumped as (update room set last_seq = last_seq + 1 where id = :room and exists (select 1 from admitted)"
            + "   and (select writes from counted) <= :limit"
            + "   and (cast(:key as text) is null or not exists (select 1 from idempotency_key k"
            + "     where k.subject = :subject and k.operation = :operation and k.key = cast(:key as text)))"
            + "   returning last_seq),"
            + " payload as (select last_seq as seq, jsonb_set(cast(:view as jsonb), '{seq}', to_jsonb(last_seq)) as view"
            + "   from bumped),"
            + " posted as (insert into post (id, room_id, group_id, seq, parent_id, author_member_id, author_name, body,"
            + "   announcement, created_at) select :id, :room, :group, seq, cast(:parent as uuid), :member, :name, :body,"
            + "   :announcement, :at from payload),"
            + " remembered as (insert into idempotency_key (subject, operation, key, request_hash, response, created_at)"
            + "   select :subject, :operation, cast(:key as text), cast(:hash as text), view, :at from payload"
            + "   where cast(:key as text) is not null),"
            + " logged as (insert into room_event (room_id, seq, type, group_id, actor_member_id, actor_name, at, data,"
            + "   key_update) select :room, seq, :type, :group, :member, :name, :at, view, :announcement from payload"
            + "   returning cast(data as text) as data)"
            + " select c.writes, c.window_start, exists (select 1 from admitted), (select seq from payload),"
            + "   (select data from logged) from counted c");

    /** PostgreSQL's unique_violation: a concurrent request with the same retry id committed first. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** What the statement did. */
    sealed interface Outcome {
    }

    /** Written and committed: the answer, and the event as stored, for the observers. */
    record Written(PostView post, EventCommitted event) implements Outcome {
    }

    /**
     * Nothing written: take the ordinary path.
     *
     * @param counted  whether the write was counted against the login's rate (committed)
     * @param admitted whether the claim held; when it did not, it is stale
     */
    record Declined(boolean counted, boolean admitted) implements Outcome {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Idempotency idempotency;
    private final RateLimits limits;
    private final Clock clock;
    private final LongAdder written = new LongAdder();

    PostStatement(DataSource dataSource, ObjectMapper json, Idempotency idempotency, RateLimits limits, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.idempotency = idempotency;
        this.limits = limits;
        this.clock = clock;
    }

    /** Whether a request is one this statement writes: a post or reply that mentions nobody. */
    static boolean fits(CreatePostRequest request) {
        return (request.mentions() == null || request.mentions().isEmpty())
                && (request.parentId() == null || Ids.parse(request.parentId()).isPresent());
    }

    /**
     * Writes the post if the claim holds, or declines. Throws {@code RateLimitedException} past the login's write
     * rate (the count is committed, as {@link RateLimits#countWrite} commits it).
     */
    Outcome write(Caller caller, GroupClaim claim, CreatePostRequest request, Optional<String> key) {
        boolean announcement = Boolean.TRUE.equals(request.announcement());
        UUID parentId = request.parentId() == null ? null : Ids.parse(request.parentId()).orElseThrow();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = Ids.newId();
        Actor author = Actor.of(claim.me());
        PostView view = new PostView(id.toString(), claim.groupId().toString(), 0,
                parentId == null ? null : parentId.toString(), author, request.body().strip(), List.of(), announcement,
                at, null, false, key.orElse(null));
        Map<String, Object> values = new HashMap<>();
        values.put("subject", caller.subject());
        values.put("minute", limits.writeWindow());
        values.put("limit", limits.writes().max());
        values.put("member", claim.me().id());
        values.put("room", claim.roomId());
        values.put("email", claim.email());
        values.put("name", claim.me().name());
        values.put("group", claim.groupId());
        values.put("announcement", announcement);
        values.put("parent", parentId);
        values.put("key", key.orElse(null));
        values.put("operation", OPERATION);
        values.put("hash", key.isPresent() ? idempotency.requestHash(claim.groupId().toString(), request) : null);
        values.put("view", toJson(view));
        values.put("id", id);
        values.put("body", view.body());
        values.put("at", at);
        values.put("type", EventType.POST_CREATED.wireName());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = WRITE.prepare(connection, values);
                ResultSet row = statement.executeQuery()) {
            row.next();
            int writes = row.getInt(1);
            Instant window = row.getObject(2, OffsetDateTime.class).toInstant();
            boolean admitted = row.getBoolean(3);
            long seq = row.getLong(4);
            boolean wrote = !row.wasNull();
            String event = row.getString(5);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (wrote) {
                written.increment();
                PostView post = new PostView(view.id(), view.groupId(), seq, view.parentId(), author, view.body(),
                        view.mentions(), announcement, at, null, false, view.clientId());
                return new Written(post, new EventCommitted(claim.roomId(), seq, EventType.POST_CREATED,
                        claim.groupId(), author, at, event));
            }
            limits.checkWrites(writes, window);
            return new Declined(true, admitted);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return new Declined(false, true);
            }
            throw new IllegalStateException("Writing a post failed", e);
        }
    }

    /** How many posts this node has written with the statement since it started. */
    long written() {
        return written.sum();
    }

    private String toJson(PostView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A post cannot be written as JSON", e);
        }
    }
}

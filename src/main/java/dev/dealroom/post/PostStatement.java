package dev.dealroom.post;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.MembershipCache.GroupClaim;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.NamedSql;
import dev.dealroom.common.OneStatement;
import dev.dealroom.common.OneStatement.Outcome;
import dev.dealroom.common.OneStatement.Written;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventType;

/**
 * Writes a post in one statement and one commit — the hot path of a discussion ({@link OneStatement}). The statement
 * checks the admission that {@link AccessPolicy} would decide (member of the room and of the group, a manager for an
 * announcement, a top-level post of the group to reply to) and that the retry id is unused, then inserts the post, its
 * event and its retry record; two requests with one retry id meet on the record's primary key, and the one that loses
 * takes the ordinary path, which answers with the original.
 *
 * <p>
 * It covers posts that mention nobody (mentions send emails, which the ordinary path's transaction records).
 */
@ApplicationScoped
class PostStatement {

    static final String OPERATION = "post.create";

    private static final NamedSql WRITE = OneStatement.create(AccessPolicy.ADMITTED_TO_GROUP
            + "   and (not :announcement or " + AccessPolicy.MANAGES_ROOM + ")"
            + "   and (cast(:parent as uuid) is null or exists (select 1 from post p"
            + "     where p.id = cast(:parent as uuid) and p.group_id = :group and p.parent_id is null))",
            "insert into post (id, room_id, group_id, seq, parent_id, author_member_id, author_name, body,"
            + "   announcement, created_at) select :id, :room, :group, seq, cast(:parent as uuid), :member, :name,"
            + "   :body, :announcement, :at from payload");

    private final OneStatement statement;
    private final ObjectMapper json;
    private final Idempotency idempotency;
    private final LongAdder written = new LongAdder();

    PostStatement(OneStatement statement, ObjectMapper json, Idempotency idempotency) {
        this.statement = statement;
        this.json = json;
        this.idempotency = idempotency;
    }

    /** Whether a request is one this statement writes: a post or reply that mentions nobody. */
    static boolean fits(CreatePostRequest request) {
        return (request.mentions() == null || request.mentions().isEmpty())
                && (request.parentId() == null || Ids.parse(request.parentId()).isPresent());
    }

    /** Writes the post if the claim holds, or declines. */
    Outcome<PostView> write(Caller caller, GroupClaim claim, CreatePostRequest request, Optional<String> key) {
        boolean announcement = Boolean.TRUE.equals(request.announcement());
        UUID parentId = request.parentId() == null ? null : Ids.parse(request.parentId()).orElseThrow();
        Instant at = statement.now();
        UUID id = Ids.newId();
        Actor author = Actor.of(claim.me());
        PostView view = new PostView(id.toString(), claim.groupId().toString(), 0,
                parentId == null ? null : parentId.toString(), author, request.body().strip(), List.of(), announcement,
                at, null, false, key.orElse(null));
        Map<String, Object> values = new HashMap<>();
        values.put("announcement", announcement);
        values.put("keyUpdate", announcement);
        values.put("parent", parentId);
        values.put("view", toJson(view));
        values.put("id", id);
        values.put("body", view.body());
        OneStatement.Retry retry = new OneStatement.Retry(OPERATION, key.orElse(null),
                key.isPresent() ? idempotency.requestHash(claim.groupId().toString(), request) : null);
        return counted(statement.execute(WRITE, caller, claim, EventType.POST_CREATED, at, retry, values,
                event -> new PostView(view.id(), view.groupId(), event.seq(), view.parentId(), author, view.body(),
                        view.mentions(), announcement, at, null, false, view.clientId())));
    }

    /** How many posts this node has written with the statement since it started. */
    long written() {
        return written.sum();
    }

    private Outcome<PostView> counted(Outcome<PostView> outcome) {
        if (outcome instanceof Written<PostView>) {
            written.increment();
        }
        return outcome;
    }

    private String toJson(PostView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A post cannot be written as JSON", e);
        }
    }
}

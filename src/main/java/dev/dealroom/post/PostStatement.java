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
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.CallerKind;
import dev.dealroom.access.MembershipCache.GroupClaim;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.NamedSql;
import dev.dealroom.common.OneStatement;
import dev.dealroom.common.OneStatement.Outcome;
import dev.dealroom.common.OneStatement.Written;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventType;

/**
 * Writes a post in one statement and one commit — the hot path of a discussion ({@link OneStatement}). The statement
 * checks the admission that {@link AccessPolicy} would decide (member of the room and of the group, a manager for an
 * announcement, a top-level post of the group to reply to) and that the retry id is unused, then inserts the post, its
 * event and its retry record; two requests with one retry id meet on the record's primary key, and the one that loses
 * takes the ordinary path, which answers with the original.
 *
 * <p>
 * It covers posts that mention nobody (mentions send emails, which the ordinary path's transaction records), and the
 * edits and deletes of a post by its author (an edit that mentions nobody): the update's condition is the ordinary
 * path's, its author and not deleted (and, for an edit, a change), checked on the post's row once its lock is had.
 */
@ApplicationScoped
class PostStatement {

    static final String OPERATION = "post.create";

    private static final NamedSql WRITE = OneStatement.create(AccessPolicy.ADMITTED_TO_GROUP
            + "   and (not :announcement or " + AccessPolicy.allowedSql(Action.POST_ANNOUNCE, Map.of()) + ")"
            + "   and (cast(:parent as uuid) is null or exists (select 1 from post p"
            + "     where p.id = cast(:parent as uuid) and p.group_id = :group and p.parent_id is null))",
            "insert into post (id, room_id, group_id, seq, parent_id, author_member_id, author_name, body,"
            + "   announcement, created_at) select :id, :room, :group, seq, cast(:parent as uuid), :member, :name,"
            + "   :body, :announcement, :at from payload");

    /** What an edit or a delete takes from the post's row into the view; the rest is the request's. */
    private static final String ROW = "p.seq, p.parent_id, p.author_name, p.announcement, p.created_at, p.edited_at";

    // an erased author's name is null: jsonb_set would answer null for a null value
    private static final String VIEW = "jsonb_set(cast(:view as jsonb), '{author,name}',"
            + " coalesce(to_jsonb(author_name), 'null'))"
            + " || jsonb_build_object('seq', seq, 'parentId', parent_id, 'announcement', announcement,"
            + " 'createdAt', " + OneStatement.instantJson("created_at") + ", 'editedAt', "
            + OneStatement.instantJson("edited_at") + ")";

    /** The post in the group, not deleted. */
    private static final String POST = " where p.id = :post and p.room_id = :room and p.group_id = :group"
            + " and p.deleted_at is null";

    /** Who wrote a post, for the actions its author may take. */
    private static final Map<CallerKind, String> AUTHOR = Map.of(CallerKind.AUTHOR, "p.author_member_id");

    private static final NamedSql EDIT = OneStatement.change(AccessPolicy.ADMITTED_TO_GROUP,
            "update post p set body = :body, mentions = '{}', edited_at = :at" + POST
            + " and " + AccessPolicy.allowedSql(Action.POST_EDIT, AUTHOR)
            + " and (p.body <> :body or cardinality(p.mentions) > 0)", ROW, VIEW, "false");

    private static final NamedSql DELETE = OneStatement.change(AccessPolicy.ADMITTED_TO_GROUP,
            "update post p set body = null, mentions = '{}', deleted_at = :at" + POST
            + " and " + AccessPolicy.allowedSql(Action.POST_DELETE, AUTHOR), ROW, VIEW, "false");

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

    /** Whether an edit is one this statement writes: one that mentions nobody, of a post named by a valid id. */
    static boolean fits(String postId, EditPostRequest request) {
        return (request.mentions() == null || request.mentions().isEmpty()) && Ids.parse(postId).isPresent();
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

    /** Edits the author's post if the claim holds and the post is theirs, not deleted, and changes; or declines. */
    Outcome<PostView> edit(Caller caller, GroupClaim claim, String postId, EditPostRequest request) {
        Instant at = statement.now();
        String body = request.body().strip();
        PostView view = new PostView(postId, claim.groupId().toString(), 0, null, Actor.of(claim.me()), body,
                List.of(), false, at, at, false, null);
        return counted(statement.execute(EDIT, caller, claim, EventType.POST_EDITED, at, null,
                Map.of("post", Ids.parse(postId).orElseThrow(), "body", body, "view", toJson(view)), this::read));
    }

    /** Deletes the author's post if the claim holds and the post is theirs and not deleted yet; or declines. */
    Outcome<PostView> delete(Caller caller, GroupClaim claim, String postId) {
        Instant at = statement.now();
        PostView view = new PostView(postId, claim.groupId().toString(), 0, null, Actor.of(claim.me()), null,
                List.of(), false, at, null, true, null);
        return counted(statement.execute(DELETE, caller, claim, EventType.POST_DELETED, at, null,
                Map.of("post", Ids.parse(postId).orElseThrow(), "view", toJson(view)), this::read));
    }

    /** How many posts, edits and deletes this node has written with the statement since it started. */
    long written() {
        return written.sum();
    }

    private Outcome<PostView> counted(Outcome<PostView> outcome) {
        if (outcome instanceof Written<PostView>) {
            written.increment();
        }
        return outcome;
    }

    private PostView read(EventCommitted event) {
        try {
            return json.readValue(event.data(), PostView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A post's event is not a post", e);
        }
    }

    private String toJson(PostView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A post cannot be written as JSON", e);
        }
    }
}

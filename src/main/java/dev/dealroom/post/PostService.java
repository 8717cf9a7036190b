package dev.dealroom.post;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.CallerKind;
import dev.dealroom.access.GroupAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.OneStatement;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.common.i18n.Text;

/** A group's discussion: posts, one level of replies, mentions, announcements; edits and deletes by authors. */
@ApplicationScoped
public class PostService {

    public static final int MAX_PAGE = 100;

    private final PostRepository posts;
    private final AccessPolicy access;
    private final EventLog events;
    private final Idempotency idempotency;
    private final OneStatement oneStatement;
    private final PostStatement statement;
    private final Clock clock;

    public PostService(PostRepository posts, AccessPolicy access, EventLog events, Idempotency idempotency,
            OneStatement oneStatement, PostStatement statement, Clock clock) {
        this.posts = posts;
        this.access = access;
        this.events = events;
        this.idempotency = idempotency;
        this.oneStatement = oneStatement;
        this.statement = statement;
        this.clock = clock;
    }

    @Transactional
    public PostPage page(Caller caller, String roomId, String groupRef, Long before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalidField("limit", "out-of-range", Text.of("field.limit", "max", MAX_PAGE));
        }
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        List<Post> page = posts.page(group.roomId(), group.groupId(), before, limit);
        Long next = page.size() == limit ? page.get(page.size() - 1).seq : null;
        return new PostPage(page.stream().map(PostService::toView).toList(), next);
    }

    @Transactional
    public PostView get(Caller caller, String roomId, String groupRef, String postId) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        return toView(posts.requireIn(group, postId));
    }

    /**
     * Writes a post. A post that mentions nobody, from a login this node has admitted into the group before, is
     * written by {@link PostStatement} in one statement; anything else, and anything that statement declines, takes
     * the ordinary path, in one transaction ({@link OneStatement#write}).
     */
    public PostView create(Caller caller, String roomId, String groupRef, CreatePostRequest request,
            String idempotencyKey) {
        Optional<String> key = Idempotency.key(request.clientId(), idempotencyKey);
        return oneStatement.write(caller, roomId, groupRef, PostStatement.fits(request)
                ? claim -> statement.write(caller, claim, request, key) : null,
                group -> idempotency.once(caller, PostStatement.OPERATION, group.groupId().toString(), key, request,
                        PostView.class, () -> write(group, request, key.orElse(null))));
    }

    private PostView write(GroupAccess group, CreatePostRequest request, String clientId) {
        boolean announcement = Boolean.TRUE.equals(request.announcement());
        access.require(group.me(), Action.POST_CREATE);
        if (announcement) {
            access.require(group.me(), Action.POST_ANNOUNCE);
        }
        UUID parentId = null;
        if (request.parentId() != null) {
            Post parent = posts.findIn(group, request.parentId())
                    .orElseThrow(() -> ApiException.invalidField("parentId", "unknown-post",
                            Text.of("field.unknown-post")));
            if (parent.parentId != null) {
                throw ApiException.invalidField("parentId", "invalid-value", Text.of("field.reply-to-first-post"));
            }
            parentId = parent.id;
        }
        Post post = new Post();
        post.id = Ids.newId();
        post.roomId = group.roomId();
        post.groupId = group.groupId();
        post.parentId = parentId;
        post.authorId = group.me().id();
        post.authorName = group.me().name();
        post.body = request.body().strip();
        post.mentions = mentions(group, request.mentions());
        post.announcement = announcement;
        post.createdAt = clock.instant();
        PostView[] view = new PostView[1];
        events.append(group.roomId(), EventType.POST_CREATED, group.groupId(), Actor.of(group.me()), announcement,
                seq -> {
            post.seq = seq;
            posts.persist(post);
            view[0] = toView(post).withClientId(clientId);
            return view[0];
        });
        return view[0];
    }

    /**
     * Its author replaces the text and mentions; one that mentions nobody is written by {@link PostStatement} when it
     * can.
     */
    public PostView edit(Caller caller, String roomId, String groupRef, String postId, EditPostRequest request) {
        return oneStatement.write(caller, roomId, groupRef, PostStatement.fits(postId, request)
                ? claim -> statement.edit(caller, claim, postId, request) : null,
                group -> edit(group, postId, request));
    }

    private PostView edit(GroupAccess group, String postId, EditPostRequest request) {
        Post post = lockFor(group, postId, Action.POST_EDIT);
        if (post.deletedAt != null) {
            throw new ApiException(ProblemCode.POST_DELETED, null);
        }
        String body = request.body().strip();
        UUID[] mentions = mentions(group, request.mentions());
        if (body.equals(post.body) && Arrays.equals(mentions, post.mentions)) {
            // The same text again (a repeated request): no change, no event.
            return toView(post);
        }
        post.body = body;
        post.mentions = mentions;
        post.editedAt = clock.instant();
        PostView view = toView(post);
        events.append(group.roomId(), EventType.POST_EDITED, group.groupId(), Actor.of(group.me()), view);
        return view;
    }

    /**
     * Its author deletes a post: it stays as a tombstone, so replies keep their thread. Deleted already: nothing.
     * Written by {@link PostStatement} when it can.
     */
    public void delete(Caller caller, String roomId, String groupRef, String postId) {
        oneStatement.write(caller, roomId, groupRef, Ids.parse(postId).isPresent()
                ? claim -> statement.delete(caller, claim, postId) : null,
                group -> {
                    delete(group, postId);
                    return null;
                });
    }

    private void delete(GroupAccess group, String postId) {
        Post post = lockFor(group, postId, Action.POST_DELETE);
        if (post.deletedAt == null) {
            post.body = null;
            post.mentions = new UUID[0];
            post.deletedAt = clock.instant();
            events.append(group.roomId(), EventType.POST_DELETED, group.groupId(), Actor.of(group.me()),
                    toView(post));
        }
    }

    /** The post, locked so that an edit and a delete of it take turns, if the caller may take the action on it. */
    private Post lockFor(GroupAccess group, String postId, Action action) {
        Post post = posts.lockIn(group, postId);
        access.require(group.me(), action, CallerKind.AUTHOR, post.authorId.equals(group.me().id()));
        return post;
    }

    private UUID[] mentions(GroupAccess group, List<String> requested) {
        return Inputs.resolveEach("mentions", Objects.requireNonNullElse(requested, List.of()),
                ref -> access.groupMember(group, ref), "not-in-group", Text.of("field.mention-not-in-group"))
                .stream().map(RoomMember::id).distinct().toArray(UUID[]::new);
    }

    static PostView toView(Post post) {
        return new PostView(post.id.toString(), post.groupId.toString(), post.seq,
                post.parentId == null ? null : post.parentId.toString(), new Actor(post.authorId, post.authorName),
                post.body, Arrays.stream(post.mentions).map(UUID::toString).toList(), post.announcement,
                post.createdAt, post.editedAt, post.deletedAt != null, null);
    }
}

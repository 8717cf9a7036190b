package dev.dealroom.post;

import java.time.Instant;
import java.util.List;

import dev.dealroom.event.Actor;

/**
 * A post as the group's members see it.
 *
 * @param seq          its place in the thread; page on with {@code before=seq}
 * @param parentId     the post it replies to, or null for a top-level post
 * @param body         plain text (render it as text, never as HTML); null once deleted
 * @param mentions     ids of the group members it mentions
 * @param announcement a key update every group member is expected to see
 * @param deleted      a tombstone: the post was deleted and keeps its place in the thread
 * @param clientId     the id its author's client created it with, in the create's answer (and a retry's) and in
 *                     {@code post.created}, so the author's page matches its pending copy; null elsewhere
 */
public record PostView(String id, String groupId, long seq, String parentId, Actor author, String body,
        List<String> mentions, boolean announcement, Instant createdAt, Instant editedAt, boolean deleted, String clientId) {

    /** The same post, as the answer to the create made with {@code clientId}. */
    public PostView withClientId(String clientId) {
        return new PostView(id, groupId, seq, parentId, author, body, mentions, announcement, createdAt, editedAt,
                deleted, clientId);
    }
}

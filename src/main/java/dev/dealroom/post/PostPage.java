package dev.dealroom.post;

import java.util.List;

/**
 * A page of a group's discussion, newest first.
 *
 * @param nextBefore pass as {@code before} for the next (older) page; null when there is none
 */
public record PostPage(List<PostView> posts, Long nextBefore) {
}

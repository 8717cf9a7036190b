package dev.dealroom.post;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.MultiLine;
import dev.dealroom.common.Visible;

/**
 * Writes a post, or a reply when {@code parentId} names a top-level post of the same group.
 *
 * @param mentions     ids of group members the post mentions (each must be in the group)
 * @param announcement owner and decision-makers only: a key update for every group member
 * @param clientId     the client's id for this post: a retry with it returns the original
 */
public record CreatePostRequest(
        @NotNull @Visible @MultiLine @Size(max = 10_000) String body,
        @SingleLine @Size(max = 64) String parentId,
        @Size(max = 50) List<@NotBlank @SingleLine @Size(max = 64) String> mentions,
        Boolean announcement,
        @SingleLine String clientId) {
}

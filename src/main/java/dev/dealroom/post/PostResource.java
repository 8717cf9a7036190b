package dev.dealroom.post;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.CountsItsWrite;
import dev.dealroom.common.Numbers;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/groups/{groupId}/posts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Posts", description = "A group's discussion")
public class PostResource {

    private final PostService posts;
    private final CurrentCaller caller;

    public PostResource(PostService posts, CurrentCaller caller) {
        this.posts = posts;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The group's posts, newest first", description = "Replies included (with parentId). "
            + "Page on with before = the answer's nextBefore; stable while others write.")
    public PostPage list(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @QueryParam("before") String before, @QueryParam("limit") @DefaultValue("50") String limit) {
        return posts.page(caller.get(), roomId, groupId, before == null ? null : Numbers.parseLong("before", before),
                Numbers.parseInt("limit", limit));
    }

    @POST
    @CountsItsWrite
    @Operation(summary = "Write a post or a reply", description = "Retry-safe with clientId or Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PostView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public RestResponse<PostView> create(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull CreatePostRequest request) {
        PostView post = posts.create(caller.get(), roomId, groupId, request, idempotencyKey);
        return RestResponse.ResponseBuilder.<PostView>created(
                URI.create("/api/rooms/" + roomId + "/groups/" + post.groupId() + "/posts/" + post.id()))
                .entity(post).build();
    }

    @GET
    @Path("/{postId}")
    @Operation(summary = "One post")
    public PostView get(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("postId") String postId) {
        return posts.get(caller.get(), roomId, groupId, postId);
    }

    @PATCH
    @Path("/{postId}")
    @CountsItsWrite
    @Operation(summary = "Edit my post")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed post-deleted")
    public PostView edit(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("postId") String postId, @Valid @NotNull EditPostRequest request) {
        return posts.edit(caller.get(), roomId, groupId, postId, request);
    }

    @DELETE
    @Path("/{postId}")
    @CountsItsWrite
    @Operation(summary = "Delete my post", description = "It stays in its thread as a tombstone.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public void delete(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("postId") String postId) {
        posts.delete(caller.get(), roomId, groupId, postId);
    }
}

package dev.dealroom.member;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Members", description = "The people in a room: the seller's team and the buying committee")
public class MemberResource {

    private final MemberService members;
    private final ErasureService erasures;
    private final CurrentCaller caller;

    public MemberResource(MemberService members, ErasureService erasures, CurrentCaller caller) {
        this.members = members;
        this.erasures = erasures;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The room's members", description = "Each with their groups among the caller's own.")
    public List<MemberView> list(@PathParam("roomId") String roomId) {
        return members.list(caller.get(), roomId);
    }

    @POST
    @Operation(summary = "Add a member", description = "Owner and decision-makers. The login whose verified email "
            + "matches becomes this member.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MemberView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed member-exists group-membership-fixed")
    public RestResponse<MemberView> add(@PathParam("roomId") String roomId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull AddMemberRequest request) {
        return RestResponse.status(RestResponse.Status.CREATED,
                members.add(caller.get(), roomId, request, idempotencyKey));
    }

    @DELETE
    @Path("/{memberId}")
    @Operation(summary = "Remove a member", description = "Owner and decision-makers; their group memberships go too.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed owner-cannot-be-removed")
    public void remove(@PathParam("roomId") String roomId, @PathParam("memberId") String memberId) {
        members.remove(caller.get(), roomId, memberId);
    }

    @POST
    @Path("/me/erasure")
    @Operation(summary = "Erase me from the room", description = "Any member but the owner (409 "
            + "owner-cannot-be-erased). Immediate and irreversible, so the body must be {\"confirm\": true}. The "
            + "caller leaves the room, and their name, email, title and every other personal data with them, its log "
            + "included; their posts, decisions and documents stay as a former member's (their text kept or removed "
            + "as the room's erasedPostText says). One member.erased event; the answer is its payload.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "owner-cannot-be-erased")
    public MemberErased eraseMe(@PathParam("roomId") String roomId, @Valid @NotNull ErasureRequest request) {
        return erasures.eraseMe(caller.get(), roomId, request);
    }

    @POST
    @Path("/{memberId}/erasure")
    @Operation(summary = "Erase a person from the room", description = "The owner's: the same erasure as "
            + "POST .../members/me/erasure, of another member. Body {\"confirm\": true}.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden owner-cannot-be-erased")
    public MemberErased erase(@PathParam("roomId") String roomId, @PathParam("memberId") String memberId,
            @Valid @NotNull ErasureRequest request) {
        return erasures.erase(caller.get(), roomId, memberId, request);
    }
}

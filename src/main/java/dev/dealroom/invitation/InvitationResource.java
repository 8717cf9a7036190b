package dev.dealroom.invitation;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Invitations", description = "Links that bring people added to a room into it")
public class InvitationResource {

    private final InvitationService invitations;
    private final CurrentCaller caller;

    public InvitationResource(InvitationService invitations, CurrentCaller caller) {
        this.invitations = invitations;
        this.caller = caller;
    }

    @GET
    @Path("/invitations")
    @Operation(summary = "The room's invitations, newest first", description = "Owner and decision-makers.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden")
    public List<InvitationView> list(@PathParam("roomId") String roomId) {
        return invitations.list(caller.get(), roomId);
    }

    @POST
    @Path("/members/{memberId}/invitations")
    @ResponseStatus(201)
    @Operation(summary = "Send a member a new invitation", description = "Revokes their open one. Owner and "
            + "decision-makers.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InvitationView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public InvitationView resend(@PathParam("roomId") String roomId, @PathParam("memberId") String memberId) {
        return invitations.resend(caller.get(), roomId, memberId);
    }

    @DELETE
    @Path("/invitations/{invitationId}")
    @ResponseStatus(204)
    @Operation(summary = "Revoke an invitation", description = "The link stops working; the member stays (remove "
            + "them to take their access away). Owner and decision-makers.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed invitation-used")
    public void revoke(@PathParam("roomId") String roomId, @PathParam("invitationId") String invitationId) {
        invitations.revoke(caller.get(), roomId, invitationId);
    }
}

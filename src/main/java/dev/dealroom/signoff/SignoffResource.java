package dev.dealroom.signoff;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

@Path("/api/rooms/{roomId}/groups/{groupId}/signoffs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-offs", description = "Decisions asked of named approvers")
public class SignoffResource {

    private final SignoffService signoffs;
    private final CurrentCaller caller;

    public SignoffResource(SignoffService signoffs, CurrentCaller caller) {
        this.signoffs = signoffs;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The group's sign-offs, newest first")
    public List<SignoffView> list(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId) {
        return signoffs.list(caller.get(), roomId, groupId);
    }

    @POST
    @Operation(summary = "Ask for a sign-off", description = "Retry-safe with clientId or Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignoffView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "room-closed")
    public RestResponse<SignoffView> request(@PathParam("roomId") String roomId,
            @PathParam("groupId") String groupId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull CreateSignoffRequest request) {
        SignoffView signoff = signoffs.request(caller.get(), roomId, groupId, request, idempotencyKey);
        return RestResponse.ResponseBuilder.<SignoffView>created(
                URI.create("/api/rooms/" + roomId + "/groups/" + signoff.groupId() + "/signoffs/" + signoff.id()))
                .entity(signoff).build();
    }

    @GET
    @Path("/{signoffId}")
    @Operation(summary = "One sign-off")
    public SignoffView get(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("signoffId") String signoffId) {
        return signoffs.get(caller.get(), roomId, groupId, signoffId);
    }

    @POST
    @Path("/{signoffId}/decision")
    @Operation(summary = "Approve or reject", description = "Approvers only, once each, while it is open.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed already-decided signoff-closed")
    public SignoffView decide(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("signoffId") String signoffId, @Valid @NotNull DecisionRequest request) {
        return signoffs.decide(caller.get(), roomId, groupId, signoffId, request);
    }

    @POST
    @Path("/{signoffId}/withdraw")
    @Operation(summary = "Withdraw my open sign-off")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed signoff-closed")
    public SignoffView withdraw(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("signoffId") String signoffId) {
        return signoffs.withdraw(caller.get(), roomId, groupId, signoffId);
    }
}

package dev.dealroom.colleague;

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

@Path("/api/rooms/{roomId}/colleague-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Colleague requests", description = "A buyer asks to bring in a colleague; the owner or a decision-maker"
        + " decides")
public class ColleagueRequestResource {

    private final ColleagueRequestService requests;
    private final CurrentCaller caller;

    public ColleagueRequestResource(ColleagueRequestService requests, CurrentCaller caller) {
        this.requests = requests;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The colleague requests the caller sees", description = "The owner and the decision-makers "
            + "see every request of the room, a buyer their own; newest first.")
    public List<ColleagueRequestView> list(@PathParam("roomId") String roomId) {
        return requests.list(caller.get(), roomId);
    }

    @POST
    @Operation(summary = "Ask to bring in a colleague", description = "Buyer-side members. The groups must be among "
            + "the requester's own.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ColleagueRequestView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed colleague-already-requested member-exists")
    public RestResponse<ColleagueRequestView> request(@PathParam("roomId") String roomId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull CreateColleagueRequest request) {
        return RestResponse.status(RestResponse.Status.CREATED,
                requests.request(caller.get(), roomId, request, idempotencyKey));
    }

    @POST
    @Path("/{requestId}/decision")
    @Operation(summary = "Approve or decline a colleague request", description = "The owner and the decision-makers. "
            + "Approving adds the colleague as a buyer-side member and sends their invitation.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed colleague-request-closed member-exists")
    public ColleagueRequestView decide(@PathParam("roomId") String roomId, @PathParam("requestId") String requestId,
            @Valid @NotNull ColleagueDecisionRequest request) {
        return requests.decide(caller.get(), roomId, requestId, request);
    }

    @POST
    @Path("/{requestId}/withdraw")
    @Operation(summary = "Withdraw a colleague request", description = "Its requester, while it is pending.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed colleague-request-closed")
    public ColleagueRequestView withdraw(@PathParam("roomId") String roomId,
            @PathParam("requestId") String requestId) {
        return requests.withdraw(caller.get(), roomId, requestId);
    }
}

package dev.dealroom.event.live;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dealroom.access.CurrentCaller;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/live-tickets")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class LiveTicketResource {

    private final LiveTicketService tickets;
    private final CurrentCaller caller;

    public LiveTicketResource(LiveTicketService tickets, CurrentCaller caller) {
        this.tickets = tickets;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "A ticket for the room's WebSocket", description = "For browsers, which cannot send an "
            + "Authorization header with a WebSocket: open /ws/rooms/{roomId}?ticket=... within seconds; the "
            + "ticket works once.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LiveTicket.class)))
    public RestResponse<LiveTicket> issue(@PathParam("roomId") String roomId) {
        return RestResponse.status(RestResponse.Status.CREATED, tickets.issue(caller.get(), caller.sessionEnds(), roomId));
    }
}

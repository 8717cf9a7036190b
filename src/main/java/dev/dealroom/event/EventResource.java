package dev.dealroom.event;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.Numbers;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "The room's event log, as the caller may see it")
public class EventResource {

    private final EventService events;
    private final CurrentCaller caller;

    public EventResource(EventService events, CurrentCaller caller) {
        this.events = events;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The events after a seq", description = "The same replay the WebSocket sends on connect: "
            + "the visible events with seq > since, in order. Page on with since = the answer's seq. resync=true "
            + "means the log no longer holds what followed since: reload the room and continue from seq.")
    public EventPage after(@PathParam("roomId") String roomId,
            @QueryParam("since") @DefaultValue("0") String since,
            @QueryParam("limit") @DefaultValue("500") String limit) {
        return events.after(caller.get(), roomId, Numbers.parseLong("since", since),
                Numbers.parseInt("limit", limit));
    }
}

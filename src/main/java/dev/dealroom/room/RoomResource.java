package dev.dealroom.room;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dealroom.access.CurrentCaller;
import io.quarkus.security.Authenticated;

@Path("/api/rooms")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms", description = "Deal rooms: one per opportunity under evaluation")
public class RoomResource {

    private final RoomService rooms;
    private final CurrentCaller caller;

    public RoomResource(RoomService rooms, CurrentCaller caller) {
        this.rooms = rooms;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Open a room", description = "The caller becomes its owner, on the seller side; the seven "
            + "default groups are created with the owner in each.")
    public RestResponse<RoomView> create(@HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull CreateRoomRequest request) {
        RoomView room = rooms.create(caller.get(), request, idempotencyKey);
        return RestResponse.ResponseBuilder.<RoomView>created(URI.create("/api/rooms/" + room.room().id()))
                .entity(room).build();
    }

    @GET
    @Operation(summary = "The rooms I am a member of", description = "Soonest target decision date first.")
    public List<RoomSummary> list() {
        return rooms.listMine(caller.get());
    }

    @GET
    @Path("/{roomId}")
    @Operation(summary = "A room, with my membership and the groups I am in")
    public RoomView get(@PathParam("roomId") String roomId) {
        return rooms.get(caller.get(), roomId);
    }

    @PATCH
    @Path("/{roomId}")
    @Operation(summary = "Change stage, status or target decision date", description = "Owner and decision-makers.")
    public RoomView update(@PathParam("roomId") String roomId, @Valid @NotNull UpdateRoomRequest request) {
        return rooms.update(caller.get(), roomId, request);
    }
}

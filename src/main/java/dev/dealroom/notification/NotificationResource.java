package dev.dealroom.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "Which emails I get from a room")
public class NotificationResource {

    private final NotificationService notifications;
    private final CurrentCaller caller;

    public NotificationResource(NotificationService notifications, CurrentCaller caller) {
        this.notifications = notifications;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "My email settings in this room")
    public NotificationSettings get(@PathParam("roomId") String roomId) {
        return notifications.settings(caller.get(), roomId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my email settings in this room", description = "Each of mentions, nudges, "
            + "signoffRequests and digest on or off.")
    public NotificationSettings put(@PathParam("roomId") String roomId, @Valid @NotNull NotificationSettings settings) {
        return notifications.change(caller.get(), roomId, settings);
    }
}

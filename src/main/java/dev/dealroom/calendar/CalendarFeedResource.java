package dev.dealroom.calendar;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

@Path("/api/me/calendar")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calendar", description = "My secret calendar feed: the milestones of my groups and my due dates")
public class CalendarFeedResource {

    private final CalendarService calendar;
    private final CurrentCaller caller;

    public CalendarFeedResource(CalendarService calendar, CurrentCaller caller) {
        this.calendar = calendar;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Whether I have a calendar feed", description = "Since when; its address is told once, when "
            + "it is made.")
    public CalendarFeedView status() {
        return calendar.status(caller.get());
    }

    @PUT
    @Operation(summary = "Make my calendar feed, or a new address for it", description = "One feed per verified email, "
            + "across all my rooms: subscribe to `url` once in a calendar application (Google Calendar, Outlook, "
            + "Apple Calendar). The address holds a long random secret, its only credential: keep it private. Asked "
            + "again, it makes a new address and the previous one answers 404 from then on. Its texts are in the "
            + "language I chose, else in this request's.")
    @APIResponse(responseCode = "200", description = "The feed, with its address (told this once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CalendarFeedView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "email-not-verified")
    public CalendarFeedView create() {
        return calendar.create(caller.get());
    }

    @DELETE
    @Operation(summary = "Revoke my calendar feed", description = "Its address answers 404 from now on, exactly as "
            + "one that never existed. Nothing to revoke is not an error.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public void revoke() {
        calendar.revoke(caller.get());
    }
}

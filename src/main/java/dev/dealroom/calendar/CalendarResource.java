package dev.dealroom.calendar;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.common.error.ApiException;
import io.vertx.core.http.HttpServerResponse;

/**
 * The calendar feed itself, fetched by calendar applications, which sign in nowhere: the secret in its address is
 * its only credential, so this path asks for no login. An unknown secret and a revoked one answer the same 404.
 */
@Path("/api/calendar")
@Tag(name = "Calendar")
public class CalendarResource {

    static final String MEDIA_TYPE = "text/calendar; charset=utf-8";

    private final CalendarService calendar;

    public CalendarResource(CalendarService calendar) {
        this.calendar = calendar;
    }

    @GET
    @Path("/{secret}.ics")
    @Produces(MEDIA_TYPE)
    @SecurityRequirements
    @Operation(summary = "A calendar feed (iCalendar, RFC 5545)", description = "No login: the address made by "
            + "`PUT /api/me/calendar` is the credential. One all-day event per milestone of its person's groups and "
            + "per task they owe with a due date, in every room they are a member of now, each with a stable UID "
            + "(applications update it in place) and a link to its group's plan; a done task says so in its title. "
            + "Read afresh at each fetch: what they no longer see leaves the feed.")
    @APIResponse(responseCode = "200", description = "The calendar", content = @Content(mediaType = MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING)))
    public Response feed(@PathParam("secret") String secret, @Context HttpServerResponse http) {
        String ics = calendar.feed(secret).orElseThrow(ApiException::notFound);
        // Applications poll on their own schedule: a private cache may spare repeated fetches, a shared one never
        // keeps it. Set on the response itself, replacing the no-store that every /api answer gets (a 404 keeps it).
        http.headers().set("Cache-Control", "private, max-age=300");
        return Response.ok(ics, MEDIA_TYPE).build();
    }
}

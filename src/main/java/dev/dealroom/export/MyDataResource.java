package dev.dealroom.export;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.Caller;
import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

/** Every member's own data, from every room they are in. */
@Path("/api/me/export")
@Authenticated
@Tag(name = "Export")
public class MyDataResource {

    private final ExportService exports;
    private final PersonalArchive archive;
    private final CurrentCaller caller;

    public MyDataResource(ExportService exports, PersonalArchive archive, CurrentCaller caller) {
        this.exports = exports;
        this.archive = archive;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download my data", description = "A ZIP, streamed, of the caller's own data in each "
            + "room they are in: rooms/<room>/data.json (their member record, notification settings, visits, "
            + "posts, the tasks they own or created, the sign-offs they asked for, their decisions, the document "
            + "versions they uploaded) and those versions' bytes beside it. Never another member's words. "
            + "Recorded as export.downloaded (kind PERSONAL) in each of those rooms before it starts.")
    @APIResponse(responseCode = "200", description = "The ZIP, as an attachment",
            content = @Content(mediaType = ExportResource.ZIP,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "rate-limited")
    public Response mine() {
        Caller me = caller.get();
        List<String> rooms = exports.startPersonal(me);
        return ExportResource.attachment(out -> archive.write(me, rooms, out), "my-deal-room-data.zip");
    }
}

package dev.dealroom.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

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
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.RequestLanguage;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/export")
@Authenticated
@Tag(name = "Export", description = "Download a room, or one's own data, as a ZIP")
public class ExportResource {

    static final String ZIP = "application/zip";

    private final ExportService exports;
    private final RoomArchive archive;
    private final CurrentCaller caller;
    private final RequestLanguage language;

    public ExportResource(ExportService exports, RoomArchive archive, CurrentCaller caller,
            RequestLanguage language) {
        this.exports = exports;
        this.archive = archive;
        this.caller = caller;
        this.language = language;
    }

    @GET
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download the room", description = "The owner and the decision-makers. A ZIP, streamed, "
            + "of the room as the caller sees it (a group they are not in gives nothing): room.json, members.json, "
            + "groups.json, posts.json, tasks.json, signoffs.json (with the decisions), events.json (the visible "
            + "events, as GET /events gives them), documents.json and every visible version's bytes under "
            + "documents/<group>/, and summary.html (plan, decisions and timeline, in the caller's language). "
            + "Recorded as export.downloaded (kind ROOM) before it starts; also in a won or lost room.")
    @APIResponse(responseCode = "200", description = "The ZIP, as an attachment",
            content = @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden rate-limited")
    public Response room(@PathParam("roomId") String roomId) {
        Caller me = caller.get();
        ExportService.RoomExport export = exports.startRoom(me, roomId);
        Language in = language.get();
        StreamingOutput zip = out -> archive.write(me, roomId, export.seq(), in, out);
        return attachment(zip, "room-" + export.name() + ".zip");
    }

    /** A ZIP download that no cache keeps. */
    static Response attachment(StreamingOutput zip, String name) {
        String file = ZipWriter.segment(name, "export.zip");
        return Response.ok(zip, ZIP)
                .header("Content-Disposition", "attachment; filename=\"export.zip\"; filename*=UTF-8''"
                        + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}

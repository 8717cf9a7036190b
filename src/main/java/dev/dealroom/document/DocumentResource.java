package dev.dealroom.document;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.Numbers;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemDocumentation;
import dev.dealroom.common.i18n.Text;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/groups/{groupId}/documents")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents", description = "Files shared in a group, versioned, with who viewed them")
public class DocumentResource {

    private final DocumentService documents;
    private final LargeObjects content;
    private final CurrentCaller caller;

    public DocumentResource(DocumentService documents, LargeObjects content, CurrentCaller caller) {
        this.documents = documents;
        this.content = content;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The group's documents", description = "With their versions and who viewed them.")
    public List<DocumentView> list(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId) {
        return documents.list(caller.get(), roomId, groupId);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Share a file", description = "Multipart: 'file', optional 'name' (defaults to the file's) "
            + "and 'clientId'. A name the group already has gets a new version. Limited in size (413). The type is "
            + "detected from the content and stored and served as detected; a type that is not allowed, or that the "
            + "name's extension or the declared type contradicts, is refused (400, field 'file': type-not-allowed, "
            + "type-mismatch).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DocumentView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "room-closed")
    public RestResponse<DocumentView> upload(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @RestForm("file") FileUpload file,
            @RestForm("name") String name, @RestForm("clientId") String clientId) {
        DocumentView document = documents.upload(caller.get(), roomId, groupId,
                file == null ? null : file.uploadedFile(), file == null ? null : file.fileName(),
                file == null ? null : file.contentType(), name, clientId, idempotencyKey);
        return RestResponse.ResponseBuilder.<DocumentView>created(URI.create(
                "/api/rooms/" + roomId + "/groups/" + document.groupId() + "/documents/" + document.id()))
                .entity(document).build();
    }

    @GET
    @Path("/{documentId}")
    @Operation(summary = "One document")
    public DocumentView get(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("documentId") String documentId) {
        return documents.get(caller.get(), roomId, groupId, documentId);
    }

    @GET
    @Path("/{documentId}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download a version", description = "The latest unless ?version=N. Recorded as a view. "
            + "With ?disposition=inline, a PDF or a raster image (PNG, JPEG, GIF, WebP) is served for the browser "
            + "to show, sandboxed (Content-Security-Policy: sandbox); any other type is refused (400, field "
            + "disposition: not-previewable), never HTML or SVG.")
    @APIResponse(responseCode = "200", description = "The file, as an attachment, with the type it was uploaded as",
            content = @Content(mediaType = "*/*",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response content(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("documentId") String documentId, @QueryParam("version") String version,
            @QueryParam("disposition") String disposition) {
        boolean inline = inline(disposition);
        Download download = documents.download(caller.get(), roomId, groupId, documentId,
                version == null ? null : Numbers.parseInt("version", version), inline);
        StreamingOutput body = out -> content.copy(download.contentOid(), out);
        Response.ResponseBuilder response = Response.ok(body, download.contentType());
        if (inline) {
            // Shown by the browser's own viewer, never as a document of this origin: no script, no forms, no
            // same-origin access even if a viewer were fooled.
            response.header("Content-Security-Policy", "sandbox");
        }
        return response
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
                        + encode(download.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Length", download.size())
                .header("ETag", "\"" + download.sha256() + "\"")
                .header("X-Document-Version", download.version())
                .header("X-Content-SHA256", download.sha256())
                .build();
    }

    private static boolean inline(String disposition) {
        if (disposition == null || disposition.equals("attachment")) {
            return false;
        }
        if (disposition.equals("inline")) {
            return true;
        }
        throw ApiException.invalidField("disposition", "invalid-value", Text.of("field.disposition"));
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.dealroom.room;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemDocumentation;
import dev.dealroom.common.i18n.Text;
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
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RoomView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "email-not-verified template-too-large")
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
    @Operation(summary = "Change the room's fields", description = "Stage, status, target decision date, amount and "
            + "currency, the seller's name, the welcome message, the accent colour. Owner and decision-makers; won, "
            + "lost (and reopening) and the seller's name are the owner's (403). An accent colour too light for white "
            + "text is refused (400, field accentColor: low-contrast). A change is one room.updated event.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed invalid-transition")
    public RoomView update(@PathParam("roomId") String roomId, @Valid @NotNull UpdateRoomRequest request) {
        return rooms.update(caller.get(), roomId, request);
    }

    @PUT
    @Path("/{roomId}/logos/{side}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Set the buyer's or the seller's logo", description = "side: buyer (owner and decision-makers) "
            + "or seller (owner). Multipart 'file': a PNG, JPEG or WebP image, as its bytes show (SVG is refused), up "
            + "to 256 KB (400, field file: type-not-allowed, too-large). The room's buyerLogo / sellerLogo then names "
            + "its address; a room.updated event.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public RoomView putLogo(@PathParam("roomId") String roomId, @PathParam("side") String side,
            @RestForm("file") FileUpload file) {
        return rooms.putLogo(caller.get(), roomId, side, read(file));
    }

    @DELETE
    @Path("/{roomId}/logos/{side}")
    @Operation(summary = "Remove the buyer's or the seller's logo")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public RoomView deleteLogo(@PathParam("roomId") String roomId, @PathParam("side") String side) {
        return rooms.deleteLogo(caller.get(), roomId, side);
    }

    @GET
    @Path("/{roomId}/logos/{side}")
    @Produces({ "image/png", "image/jpeg", "image/webp" })
    @Operation(summary = "A logo of the room", description = "Members only; 404 for anyone else and when there is none.")
    @APIResponse(responseCode = "200", description = "The image", content = {
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    public Response logo(@PathParam("roomId") String roomId, @PathParam("side") String side) {
        RoomLogos.Logo logo = rooms.logo(caller.get(), roomId, side);
        return Response.ok(logo.content(), logo.mediaType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                // the address changes with the logo (?v=), and only members may fetch it
                .header("Cache-Control", "private, max-age=86400")
                .build();
    }

    private static byte[] read(FileUpload file) {
        if (file == null) {
            throw ApiException.invalidField("file", "required", Text.of("field.logo-missing"));
        }
        try {
            if (Files.size(file.uploadedFile()) > RoomLogos.MAX_BYTES) {
                throw ApiException.invalidField("file", RoomLogos.TOO_LARGE,
                        Text.of("field.logo-size", "max", RoomLogos.MAX_BYTES / 1024));
            }
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

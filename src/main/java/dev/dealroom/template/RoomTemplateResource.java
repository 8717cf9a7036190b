package dev.dealroom.template;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/templates")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Templates")
public class RoomTemplateResource {

    private final TemplateService templates;
    private final CurrentCaller caller;

    public RoomTemplateResource(TemplateService templates, CurrentCaller caller) {
        this.templates = templates;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Save the room as a template", description = "The owner and the seller's side "
            + "(template.save). Captures the groups the caller is in, their tasks (due rules made relative: a date becomes N days after "
            + "the room opened), the sign-offs to request and the welcome text; no people. 409 template-limit past "
            + "100 templates per author, 409 template-too-large past 50 groups, 200 tasks in a group or 500 tasks and sign-offs in all.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TemplateView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden email-not-verified template-limit template-too-large")
    public RestResponse<TemplateView> save(@PathParam("roomId") String roomId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull SaveTemplateRequest request) {
        TemplateView template = templates.save(caller.get(), roomId, request, idempotencyKey);
        return RestResponse.ResponseBuilder.<TemplateView>created(URI.create("/api/templates/" + template.id()))
                .entity(template).build();
    }
}

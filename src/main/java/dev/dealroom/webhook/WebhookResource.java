package dev.dealroom.webhook;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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

@Path("/api/rooms/{roomId}/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "The room's events sent to other systems, signed (Standard Webhooks), retried;"
        + " managed by the owner and the decision-makers")
public class WebhookResource {

    private final WebhookService webhooks;
    private final CurrentCaller caller;

    public WebhookResource(WebhookService webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The room's webhooks", description = "The owner and the decision-makers. Secrets are not"
            + " shown.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden")
    public List<WebhookView> list(@PathParam("roomId") String roomId) {
        return webhooks.list(caller.get(), roomId);
    }

    @POST
    @Operation(summary = "Subscribe an endpoint to the room's events", description = "The owner and the"
            + " decision-makers. It receives the events its creator sees, as the events API gives them, signed with"
            + " the secret in this answer, which is never shown again.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed webhook-limit")
    public RestResponse<WebhookView> create(@PathParam("roomId") String roomId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull CreateWebhookRequest request) {
        return RestResponse.status(RestResponse.Status.CREATED,
                webhooks.create(caller.get(), roomId, request, idempotencyKey));
    }

    @GET
    @Path("/{webhookId}")
    @Operation(summary = "A webhook of the room")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden")
    public WebhookView get(@PathParam("roomId") String roomId, @PathParam("webhookId") String webhookId) {
        return webhooks.get(caller.get(), roomId, webhookId);
    }

    @PATCH
    @Path("/{webhookId}")
    @Operation(summary = "Change a webhook", description = "Its URL, event types, description, or whether it sends."
            + " One the server disabled (its creator left or may no longer manage webhooks) cannot be enabled again.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed webhook-creator-gone")
    public WebhookView update(@PathParam("roomId") String roomId, @PathParam("webhookId") String webhookId,
            @Valid @NotNull UpdateWebhookRequest request) {
        return webhooks.update(caller.get(), roomId, webhookId, request);
    }

    @DELETE
    @Path("/{webhookId}")
    @Operation(summary = "Delete a webhook", description = "With its delivery log; what it had still to send is not"
            + " sent.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public RestResponse<Void> delete(@PathParam("roomId") String roomId, @PathParam("webhookId") String webhookId) {
        webhooks.delete(caller.get(), roomId, webhookId);
        return RestResponse.noContent();
    }

    @GET
    @Path("/{webhookId}/deliveries")
    @Operation(summary = "A webhook's delivery log", description = "The newest 100 deliveries: event, attempts, last"
            + " status and error, next attempt, delivered or given up.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden")
    public List<DeliveryView> deliveries(@PathParam("roomId") String roomId,
            @PathParam("webhookId") String webhookId) {
        return webhooks.deliveries(caller.get(), roomId, webhookId);
    }

    @POST
    @Path("/{webhookId}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again", description = "With the same webhook-id header, so that a receiver"
            + " that had it already can tell.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed webhook-disabled")
    public DeliveryView redeliver(@PathParam("roomId") String roomId, @PathParam("webhookId") String webhookId,
            @PathParam("deliveryId") String deliveryId) {
        return webhooks.redeliver(caller.get(), roomId, webhookId, deliveryId);
    }
}

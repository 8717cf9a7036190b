package dev.dealroom.webhook;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.dealroom.event.Actor;

/**
 * A subscription as the room's managers see it.
 *
 * @param disabledReason why the server disabled it ({@code creator-left}, {@code creator-not-manager}), or null
 * @param createdBy      whose view of the room it receives; {@code memberId} null once they have left
 * @param secret         the signing secret, in the answer to its creation only: keep it then
 */
public record WebhookView(String id, String url, List<String> eventTypes, String description, boolean enabled,
        String disabledReason, Actor createdBy, Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookView of(Webhook webhook, boolean withSecret) {
        return new WebhookView(webhook.id.toString(), webhook.url, List.of(webhook.eventTypes), webhook.description,
                webhook.enabled, webhook.disabledReason, new Actor(webhook.createdBy, webhook.createdByName),
                webhook.createdAt, withSecret ? webhook.secret : null);
    }
}

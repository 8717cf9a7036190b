package dev.dealroom.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;

/**
 * A subscription of an endpoint to the room's events.
 *
 * @param url         where to send them: {@code http} or {@code https}
 * @param eventTypes  the types to send ({@code task.updated}), or {@code ["*"]} for every type
 * @param description what it is for, for the room's managers
 * @param enabled     whether it sends at once (the default) or waits to be enabled
 * @param clientId    the client's id for this request: a retry with it returns the original
 */
public record CreateWebhookRequest(
        @NotBlank @SingleLine @Size(max = 2000) String url,
        @NotEmpty @Size(max = 50) List<@NotBlank @SingleLine @Size(max = 64) String> eventTypes,
        @SingleLine @Size(max = 200) String description,
        Boolean enabled,
        @SingleLine @Size(max = 100) String clientId) {
}

package dev.dealroom.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;

/** A change of a subscription: what is given changes, what is left out stays. */
public record UpdateWebhookRequest(
        @SingleLine @Size(min = 1, max = 2000) String url,
        @Size(min = 1, max = 50) List<@NotBlank @SingleLine @Size(max = 64) String> eventTypes,
        @SingleLine @Size(max = 200) String description,
        Boolean enabled) {
}

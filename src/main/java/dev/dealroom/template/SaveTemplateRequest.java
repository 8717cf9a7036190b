package dev.dealroom.template;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.MultiLine;
import dev.dealroom.common.SingleLine;
import dev.dealroom.common.Visible;

/**
 * Saves a room's shape as a template.
 *
 * @param shared   whether every person of the installation may read it and open rooms from it (default false)
 * @param clientId the client's id for this save: a retry with it returns the original
 */
public record SaveTemplateRequest(
        @NotNull @Visible @SingleLine @Size(max = 200) String name,
        @MultiLine @Size(max = 2000) String description,
        Boolean shared,
        @SingleLine String clientId) {
}

package dev.dealroom.template;

import jakarta.validation.constraints.Size;

import dev.dealroom.common.MultiLine;
import dev.dealroom.common.SingleLine;
import dev.dealroom.common.Visible;

/**
 * Renames a template, rewrites its description or shares it (or stops sharing it); its author only.
 *
 * @param description an empty text removes it
 */
public record UpdateTemplateRequest(
        @Visible @SingleLine @Size(max = 200) String name,
        @MultiLine @Size(max = 2000) String description,
        Boolean shared) {

    boolean isEmpty() {
        return name == null && description == null && shared == null;
    }
}

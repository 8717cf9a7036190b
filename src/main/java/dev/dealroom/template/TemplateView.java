package dev.dealroom.template;

import java.time.Instant;

/**
 * A template as a person sees it.
 *
 * @param id         a built-in template's id is a name ({@code complex-b2b-evaluation}), a saved one's a UUID
 * @param builtIn    shipped with Deal Room: read-only, in the reader's language
 * @param shared     a saved template every person may read and open rooms from
 * @param mine       the reader wrote it (and may change or delete it)
 * @param authorName who saved it; null for a built-in template
 * @param content    what a room opened from it gets; only when one template is asked for (null in the list)
 */
public record TemplateView(String id, String name, String description, boolean builtIn, boolean shared,
        boolean mine, String authorName, Instant createdAt, Instant updatedAt, TemplateContent content) {
}

package dev.dealroom.common.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.dealroom.common.i18n.Language;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}) with the extension members
 * {@code code} (stable, machine-readable, the same in every language) and {@code errors} (the invalid fields, for
 * validation errors). The title, the detail and the field messages are in the reader's language.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemCode code, Language language, String detail, List<FieldError> errors) {
        return new Problem("urn:dealroom:problem:" + code.code(), code.title(language), code.status(), detail,
                code.code(), errors);
    }
}

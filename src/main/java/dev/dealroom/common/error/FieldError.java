package dev.dealroom.common.error;

/**
 * One invalid field of a request.
 *
 * @param field   the field's path in the request body or query, e.g. {@code name} or {@code groups[1]}
 * @param code    a stable code: {@code required}, {@code too-long}, {@code invalid-value}, {@code unknown-field}…
 * @param message a sentence for people
 */
public record FieldError(String field, String code, String message) {
}

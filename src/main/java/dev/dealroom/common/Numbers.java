package dev.dealroom.common;

import dev.dealroom.common.error.ApiException;

/** Query parameters are parsed here so that a malformed number is a field error, not a routing 404. */
public final class Numbers {

    private Numbers() {
    }

    public static long parseLong(String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, "invalid-value", field + " must be a whole number");
        }
    }
}

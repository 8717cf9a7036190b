package dev.dealroom.common;

import java.math.BigInteger;
import java.util.regex.Pattern;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.i18n.Text;

/**
 * Query parameters are parsed here so that a malformed number is a field error, not a routing 404, and a number
 * beyond its type is refused rather than wrapped round ({@code 4294967297} is not 1).
 */
public final class Numbers {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,1000}");

    private Numbers() {
    }

    public static long parseLong(String field, String value) {
        return parse(field, value, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static int parseInt(String field, String value) {
        return (int) parse(field, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static long parse(String field, String value, long min, long max) {
        String digits = value.strip();
        if (!WHOLE_NUMBER.matcher(digits).matches()) {
            throw ApiException.invalidField(field, "invalid-value", Text.of("field.whole-number", "field", field));
        }
        BigInteger number = new BigInteger(digits);
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw outOfRange(field, min, max);
        }
        return number.longValue();
    }

    private static ApiException outOfRange(String field, long min, long max) {
        return ApiException.invalidField(field, "out-of-range", Text.of("field.number-range", "field", field, "min", min, "max", max));
    }
}

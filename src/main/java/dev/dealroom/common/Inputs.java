package dev.dealroom.common;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Text;

/** The request checks that several features share. */
public final class Inputs {

    /** Dates outside these years are typing mistakes, and some do not fit the database. */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2999;

    private Inputs() {
    }

    /** Text with its surrounding blanks removed, or null when nothing visible is left. */
    public static String blankToNull(String text) {
        return text == null || !Texts.rendersSomething(text) ? null : text.strip();
    }

    /** A query parameter that is {@code true} or {@code false}; anything else answers 400 naming the field. */
    public static boolean parseBoolean(String field, String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        throw ApiException.invalidField(field, "invalid-value", Text.of("field.true-or-false", "field", field));
    }

    /** The date, if its year is plausible; otherwise a field error. */
    public static LocalDate plausibleDate(String field, LocalDate date) {
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw ApiException.invalidField(field, "out-of-range",
                    Text.of("field.date-years", "first", Integer.toString(FIRST_YEAR), "last", Integer.toString(LAST_YEAR)));
        }
        return date;
    }

    /**
     * Resolves each reference of a list field ({@code groups}, {@code mentions}, ...); the ones that resolve to
     * nothing are refused together, each as {@code field[i]} with the given code.
     */
    public static <T> List<T> resolveEach(String field, List<String> refs, Function<String, Optional<T>> resolver,
            String code, Text message) {
        List<T> resolved = new ArrayList<>();
        List<ApiException.Invalid> invalid = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            Optional<T> found = resolver.apply(refs.get(i));
            if (found.isPresent()) {
                resolved.add(found.get());
            } else {
                invalid.add(new ApiException.Invalid(field + "[" + i + "]", code, message));
            }
        }
        if (!invalid.isEmpty()) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, null, invalid);
        }
        return resolved;
    }
}

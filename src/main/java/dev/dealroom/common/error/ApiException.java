package dev.dealroom.common.error;

import java.util.List;

import dev.dealroom.common.i18n.Text;

/**
 * A domain refusal that the API answers with a problem body. Thrown by services; mapped in one place, where its
 * texts are put in the reader's language.
 */
public class ApiException extends RuntimeException {

    /**
     * One invalid field, its message not yet in words.
     *
     * @see FieldError
     */
    public record Invalid(String field, String code, Text message) {
    }

    private final ProblemCode code;
    private final transient Text detail;
    private final transient List<Invalid> errors;

    public ApiException(ProblemCode code, Text detail) {
        this(code, detail, List.of());
    }

    public ApiException(ProblemCode code, Text detail, List<Invalid> errors) {
        super(detail == null ? code.code() : detail.toString(), null, false, false);
        this.code = code;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    /** The answer for anything the caller may not see, exactly as for something that does not exist. */
    public static ApiException notFound() {
        return new ApiException(ProblemCode.NOT_FOUND, null);
    }

    public static ApiException invalidField(String field, String fieldCode, Text message) {
        return new ApiException(ProblemCode.VALIDATION_FAILED, message, List.of(new Invalid(field, fieldCode, message)));
    }

    public ProblemCode code() {
        return code;
    }

    /** What to tell beyond the title, or null. */
    public Text detail() {
        return detail;
    }

    public List<Invalid> errors() {
        return errors;
    }
}

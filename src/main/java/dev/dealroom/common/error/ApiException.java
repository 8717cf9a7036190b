package dev.dealroom.common.error;

import java.util.List;

/**
 * A domain refusal that the API answers with a problem body. Thrown by services; mapped in one place.
 */
public class ApiException extends RuntimeException {

    private final ProblemCode code;
    private final transient List<FieldError> errors;

    public ApiException(ProblemCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiException(ProblemCode code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** The answer for anything the caller may not see, exactly as for something that does not exist. */
    public static ApiException notFound() {
        return new ApiException(ProblemCode.NOT_FOUND, null);
    }

    public static ApiException invalidField(String field, String fieldCode, String message) {
        return new ApiException(ProblemCode.VALIDATION_FAILED, message,
                List.of(new FieldError(field, fieldCode, message)));
    }

    public ProblemCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

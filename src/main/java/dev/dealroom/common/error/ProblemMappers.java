package dev.dealroom.common.error;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every failure into a problem details response (invariant 4): domain refusals, validation, JSON
 * errors, JAX-RS routing errors, authentication failures, and — as a last resort — unexpected exceptions,
 * which are logged but never described to the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Foreign key violation, serialisation failure, deadlock: the request may succeed if sent again. */
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("23503", "40001", "40P01");

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.code(), e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        return tooManyRequests(e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldPath(violation.getPropertyPath()), fieldCode(violation),
                    violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::code));
        return respond(ProblemCode.VALIDATION_FAILED, null, errors);
    }

    /** Replaces Quarkus's built-in mapper for this type, which answers without a problem body. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = jsonPath(unknown);
            return respond(ProblemCode.VALIDATION_FAILED, null,
                    List.of(new FieldError(field, "unknown-field", "This field is not part of the request")));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            FieldError error = mapping.getCause() instanceof InputCoercionException
                    ? new FieldError(jsonPath(mapping), "out-of-range", "This number is too large for this field")
                    : new FieldError(jsonPath(mapping), "invalid-value",
                            "This value has the wrong type or is not one of the allowed values");
            return respond(ProblemCode.VALIDATION_FAILED, null, List.of(error));
        }
        String detail = e instanceof JsonParseException ? "Syntax error at line " + lineOf(e) : null;
        return respond(ProblemCode.MALFORMED_JSON, detail, List.of());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ProblemCode.FORBIDDEN, null, List.of());
    }


    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // the JSON body reader reports syntax errors as a 400 wrapping the parser's exception
            return json(json);
        }
        ProblemCode code;
        if (e instanceof NotFoundException) {
            code = ProblemCode.NOT_FOUND;
        } else if (e instanceof NotAllowedException) {
            code = ProblemCode.METHOD_NOT_ALLOWED;
        } else if (e instanceof NotSupportedException) {
            code = ProblemCode.UNSUPPORTED_MEDIA_TYPE;
        } else if (e instanceof NotAcceptableException) {
            code = ProblemCode.NOT_ACCEPTABLE;
        } else if (e.getResponse().getStatus() == 413) {
            code = ProblemCode.PAYLOAD_TOO_LARGE;
        } else if (e.getResponse().getStatus() >= 500) {
            LOG.error("Unexpected server error", e);
            code = ProblemCode.INTERNAL_ERROR;
        } else {
            code = ProblemCode.BAD_REQUEST;
        }
        Response.ResponseBuilder builder = problem(code, null, List.of());
        if (e instanceof NotAllowedException) {
            builder.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    /** A body sent in chunks that went past its limit while it was read ({@code common.BodyLimitFilter}). */
    @ServerExceptionMapper
    public Response payloadTooLarge(PayloadTooLargeException e, HttpServerRequest request) {
        RefusalLog.refused(request.method().name(), request.path(), ProblemCode.PAYLOAD_TOO_LARGE,
                "a body sent in chunks went past " + e.limit() + " bytes");
        // the rest of the body is still on its way: this connection cannot carry another request
        return problem(ProblemCode.PAYLOAD_TOO_LARGE, "Request bodies here are limited to " + e.limit() + " bytes",
                List.of()).header("Connection", "close").build();
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, ContainerRequestContext context, HttpServerRequest request) {
        if (MultipartParsing.failedWhileParsing(context)) {
            RefusalLog.refused(request.method().name(), request.path(), ProblemCode.MALFORMED_MULTIPART,
                    e.toString());
            return problem(ProblemCode.MALFORMED_MULTIPART, null, List.of())
                    .header("Connection", "close").build();
        }
        return lostRace(e).map(code -> respond(code, null, List.of())).orElseGet(() -> {
            LOG.error("Unexpected error", e);
            return respond(ProblemCode.INTERNAL_ERROR, null, List.of());
        });
    }

    /**
     * The refusal for a request that lost a race in the database, wherever the database said so (a statement, or
     * the commit, which wraps the cause). Services lock what they change and settle unique keys with
     * {@code on conflict}, so races end in the service's own refusal; what is left to the database — a foreign key
     * whose row a concurrent request removed, a stale entity, a serialisation failure or a deadlock — is a
     * {@code 409 conflict}, which the client may retry, logged as a warning since it names a race no lock
     * serialised. Any other constraint failure (a unique key, NOT NULL, CHECK) is a defect, not a race: empty.
     */
    private static Optional<ProblemCode> lostRace(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
                if (violation.getKind() != ConstraintKind.FOREIGN_KEY) {
                    return Optional.empty();
                }
                LOG.warnf("Refused after a concurrent change: foreign key %s", violation.getConstraintName());
                return Optional.of(ProblemCode.CONFLICT);
            }
            if (cause instanceof org.hibernate.StaleStateException
                    || cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof SQLException sql && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                LOG.warnf("Refused after a concurrent change: %s", cause);
                return Optional.of(ProblemCode.CONFLICT);
            }
        }
        return Optional.empty();
    }

    /** The response for a problem; also used outside JAX-RS mappers (request filters). */
    public static Response respond(ProblemCode code, String detail, List<FieldError> errors) {
        return problem(code, detail, errors).build();
    }

    private static Response.ResponseBuilder problem(ProblemCode code, String detail, List<FieldError> errors) {
        return Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(Problem.of(code, detail, errors));
    }

    /** 429 {@code rate-limited} with {@code Retry-After}; also answered by request filters. */
    public static Response tooManyRequests(RateLimitedException e) {
        return problem(e.code(), e.getMessage(), List.of())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).build();
    }

    /** 401 {@code unauthenticated}; also the sign-in's answer when it cannot send the browser to the provider. */
    public static Response unauthorized() {
        return problem(ProblemCode.UNAUTHENTICATED, null, List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** {@code create.request.groups[1]} -> {@code groups[1]}: the path inside the request body. */
    private static String fieldPath(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER) {
                if (node.getKind() == ElementKind.PARAMETER && !isBodyParameter(node)) {
                    field.append(node.getName());
                }
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // List<@SingleLine String> mentions: the element's index, not its "<list element>" name
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** Request bodies are named {@code request} in every resource; other parameters are query or path ones. */
    private static boolean isBodyParameter(Path.Node node) {
        return "request".equals(node.getName());
    }

    private static String fieldCode(ConstraintViolation<?> violation) {
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty", "Visible" -> "required";
            case "Size" -> "invalid-size";
            case "Email" -> "invalid-email";
            case "Pattern", "SingleLine", "MultiLine" -> "invalid-format";
            case "Min", "Max", "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Digits" -> "out-of-range";
            default -> "invalid-value";
        };
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }
}

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

import org.hibernate.validator.engine.HibernateConstraintViolation;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.RequestLanguage;
import dev.dealroom.common.i18n.Text;

/**
 * Turns every failure into a problem details response (invariant 4): domain refusals, validation, JSON
 * errors, JAX-RS routing errors, authentication failures, and — as a last resort — unexpected exceptions,
 * which are logged but never described to the client. Titles, details and field messages are written in the
 * request's language ({@link RequestLanguage}); codes are the same in every language.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Foreign key violation, serialisation failure, deadlock: the request may succeed if sent again. */
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("23503", "40001", "40P01");

    private final RequestLanguage language;

    public ProblemMappers(RequestLanguage language) {
        this.language = language;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.code(), e.detail(), e.errors());
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        return tooManyRequests(e, language.get());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ApiException.Invalid> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new ApiException.Invalid(fieldPath(violation.getPropertyPath()), fieldCode(violation),
                    fieldMessage(violation)));
        }
        errors.sort(Comparator.comparing(ApiException.Invalid::field).thenComparing(ApiException.Invalid::code));
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
                    List.of(new ApiException.Invalid(field, "unknown-field", Text.of("field.unknown-field"))));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            ApiException.Invalid error = mapping.getCause() instanceof InputCoercionException
                    ? new ApiException.Invalid(jsonPath(mapping), "out-of-range", Text.of("field.number-too-large"))
                    : new ApiException.Invalid(jsonPath(mapping), "invalid-value", Text.of("field.wrong-type"));
            return respond(ProblemCode.VALIDATION_FAILED, null, List.of(error));
        }
        Text detail = e instanceof JsonParseException ? Text.of("detail.json-syntax", "line", lineOf(e)) : null;
        return respond(ProblemCode.MALFORMED_JSON, detail, List.of());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized(language.get());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized(language.get());
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
        Response.ResponseBuilder builder = problem(code, language.get(), null, List.of());
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
        return problem(ProblemCode.PAYLOAD_TOO_LARGE, language.get(),
                Text.of("detail.body-limit", "limit", e.limit()), List.of()).header("Connection", "close").build();
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, ContainerRequestContext context, HttpServerRequest request) {
        if (MultipartParsing.failedWhileParsing(context)) {
            RefusalLog.refused(request.method().name(), request.path(), ProblemCode.MALFORMED_MULTIPART,
                    e.toString());
            return problem(ProblemCode.MALFORMED_MULTIPART, language.get(), null, List.of())
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

    private Response respond(ProblemCode code, Text detail, List<ApiException.Invalid> errors) {
        return respond(code, language.get(), detail, errors);
    }

    /** The response for a problem in a language; also used outside JAX-RS mappers (request filters). */
    public static Response respond(ProblemCode code, Language language, Text detail,
            List<ApiException.Invalid> errors) {
        return problem(code, language, detail, errors).build();
    }

    /** The problem body in a language. */
    public static Problem problemOf(ProblemCode code, Language language, Text detail,
            List<ApiException.Invalid> errors) {
        List<FieldError> fields = errors.stream().map(error -> new FieldError(error.field(), error.code(),
                Messages.render(language, error.message()))).toList();
        return Problem.of(code, language, detail == null ? null : Messages.render(language, detail), fields);
    }

    private static Response.ResponseBuilder problem(ProblemCode code, Language language, Text detail,
            List<ApiException.Invalid> errors) {
        return Response.status(code.status()).type(Problem.MEDIA_TYPE)
                .entity(problemOf(code, language, detail, errors));
    }

    /** 429 {@code rate-limited} with {@code Retry-After}; also answered by request filters. */
    public static Response tooManyRequests(RateLimitedException e, Language language) {
        return problem(e.code(), language, e.detail(), List.of())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).build();
    }

    /** 401 {@code unauthenticated}; also the sign-in's answer when it cannot send the browser to the provider. */
    public static Response unauthorized(Language language) {
        return problem(ProblemCode.UNAUTHENTICATED, language, null, List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /**
     * A violated constraint's message: the text the validator named (a text rule, {@link dev.dealroom.common.Texts}),
     * else the constraint's own text, {@code constraint.<Annotation>}, with its attributes as parameters.
     */
    private static Text fieldMessage(ConstraintViolation<?> violation) {
        if (violation instanceof HibernateConstraintViolation<?> hibernate
                && hibernate.getDynamicPayload(Text.class) != null) {
            return hibernate.getDynamicPayload(Text.class);
        }
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        String key = "constraint." + constraint;
        if (!Messages.has(Language.FALLBACK, key)) {
            key = "constraint.default";
        }
        java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
        violation.getConstraintDescriptor().getAttributes().forEach((name, value) -> {
            if (value instanceof Number || value instanceof String) {
                args.put(name, value);
            }
        });
        return new Text(key, args);
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

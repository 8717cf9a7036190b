package dev.dealroom.common;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.dealroom.common.error.FieldError;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.error.ProblemMappers;

/**
 * Holds path segments and query parameters to the rule of single-line text ({@link Texts}) before any resource
 * sees them, so that a {@code %00} in a group reference or a page cursor is a field error naming the parameter,
 * not a failed database statement. Bodies are checked by their records' constraints.
 */
public class TextParameterFilter {

    @ServerRequestFilter
    public Response refuseUnsafeParameters(ContainerRequestContext request) {
        Optional<FieldError> error = firstProblem(request.getUriInfo().getPathParameters())
                .or(() -> firstProblem(request.getUriInfo().getQueryParameters()));
        return error.map(field -> ProblemMappers.respond(ProblemCode.VALIDATION_FAILED, null, List.of(field)))
                .orElse(null);
    }

    private static Optional<FieldError> firstProblem(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            Optional<String> badName = Texts.problem(parameter.getKey(), Texts.Lines.SINGLE);
            if (badName.isPresent()) {
                return Optional.of(new FieldError("query", "invalid-format", badName.get()));
            }
            for (String value : parameter.getValue()) {
                Optional<String> badValue = Texts.problem(value, Texts.Lines.SINGLE);
                if (badValue.isPresent()) {
                    return Optional.of(new FieldError(parameter.getKey(), "invalid-format", badValue.get()));
                }
            }
        }
        return Optional.empty();
    }
}

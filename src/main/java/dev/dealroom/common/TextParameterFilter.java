package dev.dealroom.common;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.error.ProblemMappers;
import dev.dealroom.common.i18n.RequestLanguage;
import dev.dealroom.common.i18n.Text;

/**
 * Holds path segments and query parameters to the rule of single-line text ({@link Texts}) before any resource
 * sees them, so that a {@code %00} in a group reference or a page cursor is a field error naming the parameter,
 * not a failed database statement. Bodies are checked by their records' constraints.
 */
public class TextParameterFilter {

    @ServerRequestFilter
    public Response refuseUnsafeParameters(ContainerRequestContext request) {
        Optional<ApiException.Invalid> error = firstProblem(request.getUriInfo().getPathParameters())
                .or(() -> firstProblem(request.getUriInfo().getQueryParameters()));
        return error.map(field -> ProblemMappers.respond(ProblemCode.VALIDATION_FAILED,
                RequestLanguage.ofHeader(request.getHeaderString("Accept-Language")), null, List.of(field)))
                .orElse(null);
    }

    private static Optional<ApiException.Invalid> firstProblem(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            Optional<Text> badName = Texts.problem(parameter.getKey(), Texts.Lines.SINGLE);
            if (badName.isPresent()) {
                return Optional.of(new ApiException.Invalid("query", "invalid-format", badName.get()));
            }
            for (String value : parameter.getValue()) {
                Optional<Text> badValue = Texts.problem(value, Texts.Lines.SINGLE);
                if (badValue.isPresent()) {
                    return Optional.of(new ApiException.Invalid(parameter.getKey(), "invalid-format", badValue.get()));
                }
            }
        }
        return Optional.empty();
    }
}

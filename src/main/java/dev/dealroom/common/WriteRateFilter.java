package dev.dealroom.common;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.dealroom.common.error.ProblemMappers;
import dev.dealroom.common.error.RateLimitedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Counts each write request of a signed-in login against its write rate ({@link RateLimits#countWrite}) before the
 * resource runs, so that a refused one (429 {@code rate-limited}) changes nothing. Reads are not counted. A request
 * without a login is left to the resource, which answers 401.
 */
public class WriteRateFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RateLimits limits;
    private final SecurityIdentity identity;

    public WriteRateFilter(RateLimits limits, SecurityIdentity identity) {
        this.limits = limits;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Response countWrite(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")
                || identity.isAnonymous()) {
            return null;
        }
        String login = identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
        try {
            limits.countWrite(login);
            return null;
        } catch (RateLimitedException e) {
            return ProblemMappers.tooManyRequests(e);
        }
    }
}

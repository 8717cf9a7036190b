package dev.dealroom.common;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.dealroom.access.CurrentCaller;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Counts each write request of a signed-in login against its write rate ({@link RateLimits#countWrite}) before the
 * resource runs, so that a refused one (429 {@code rate-limited}) changes nothing. Reads are not counted, nor writes
 * whose resource method counts them in its own statement ({@link CountsItsWrite}). A request
 * without a login is left to the resource, which answers 401. The login is the one every resource sees,
 * {@link CurrentCaller}'s: a token it refuses (a subject with control characters, say) answers 401 here too.
 */
public class WriteRateFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RateLimits limits;
    private final SecurityIdentity identity;
    private final CurrentCaller caller;

    public WriteRateFilter(RateLimits limits, SecurityIdentity identity, CurrentCaller caller) {
        this.limits = limits;
        this.identity = identity;
        this.caller = caller;
    }

    /** A refusal (401 for a login CurrentCaller refuses, 429 past the limit) is answered by ProblemMappers. */
    @ServerRequestFilter
    public void countWrite(ContainerRequestContext request, ResourceInfo resource) {
        if (WRITES.contains(request.getMethod()) && request.getUriInfo().getPath().startsWith("/api/")
                && !identity.isAnonymous() && !resource.getResourceMethod().isAnnotationPresent(CountsItsWrite.class)) {
            limits.countWrite(caller.get().subject());
        }
    }
}

package dev.dealroom.common;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.error.ProblemMappers;
import dev.dealroom.common.i18n.RequestLanguage;
import io.vertx.core.http.HttpServerRequest;

/**
 * Cross-site request forgery defence for the web page's session cookie. The cookie is {@code SameSite=Lax},
 * so browsers already leave it off other sites' POSTs; on top of that, a state-changing request that carries
 * no bearer token is refused unless its {@code Origin} (which browsers always send on such requests) is this
 * server's own or allowlisted. Bearer-token clients are untouched: a browser never attaches a token by itself.
 */
public class CrossOriginGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Origins origins;

    public CrossOriginGuard(Origins origins) {
        this.origins = origins;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseForeignOrigins(HttpServerRequest request) {
        if (SAFE.contains(request.method().name()) || request.getHeader("Authorization") != null
                || origins.allowed(request)) {
            return null;
        }
        return ProblemMappers.respond(ProblemCode.CROSS_ORIGIN, RequestLanguage.of(request), null, List.of());
    }
}

package dev.dealroom.common;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.error.ProblemMappers;
import dev.dealroom.common.i18n.RequestLanguage;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.common.error.RefusalLog;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds request bodies to their limits before anything reads them: JSON bodies to
 * {@code dealroom.api.max-json-bytes}, every other body to {@code quarkus.http.limits.max-body-size}; beyond, 413
 * {@code payload-too-large} with a problem body. A body that announces its length is judged by it at once (here for
 * JSON, in {@link RequestHeadGuard} for the hard cap). A body sent in chunks is counted as it is read, and reading
 * stops at the byte past the limit (even past the end of the document: see {@link LimitedInputStream}); nothing
 * more is buffered, and the request fails before any change is made.
 */
public class BodyLimitFilter {

    /** Methods whose body, if any, nothing here reads. */
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS");

    private final DealRoomConfig config;
    private final Optional<MemorySize> maxBodySize;

    public BodyLimitFilter(DealRoomConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.config = config;
        this.maxBodySize = maxBodySize;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitBody(ContainerRequestContext request, RoutingContext routing) {
        MediaType type = request.getMediaType();
        boolean json = type == null || type.getSubtype().endsWith("json");
        long limit = json ? config.api().maxJsonBytes()
                : maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        long length = request.getLength();
        // an announced body over the server's cap never gets here: RequestHeadGuard refused it before routing
        if (json && length > limit) {
            RefusalLog.refused(request.getMethod(), routing.request().path(), ProblemCode.PAYLOAD_TOO_LARGE,
                    "a JSON body of " + length + " bytes");
            return ProblemMappers.respond(ProblemCode.PAYLOAD_TOO_LARGE, RequestLanguage.of(routing.request()),
                    Text.of("detail.json-limit", "limit", limit), List.of());
        }
        if (length < 0 && !BODILESS.contains(request.getMethod())) {
            // Quarkus would count a chunked body against max-body-size itself and, past it, answer a bare 413 from
            // inside the stream; this counter answers with a problem body instead, and for JSON at its own limit.
            routing.remove(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit));
        }
        return null;
    }
}

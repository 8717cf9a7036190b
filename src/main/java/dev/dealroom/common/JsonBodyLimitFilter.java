package dev.dealroom.common;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.error.ProblemMappers;

/**
 * Refuses oversized JSON bodies with a problem body before anything reads them. The HTTP server's own
 * {@code quarkus.http.limits.max-body-size} stays as the hard cap for every body.
 */
public class JsonBodyLimitFilter {

    private final DealRoomConfig config;

    public JsonBodyLimitFilter(DealRoomConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitJsonBody(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        boolean json = type == null || type.getSubtype().endsWith("json");
        if (json && request.getLength() > config.api().maxJsonBytes()) {
            return ProblemMappers.respond(ProblemCode.PAYLOAD_TOO_LARGE,
                    "JSON bodies are limited to " + config.api().maxJsonBytes() + " bytes", List.of());
        }
        return null;
    }
}

package dev.dealroom.common.error;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Marks the time during which the framework parses a multipart body, so that a failure then is known for what it
 * is: the client's malformed body (400 {@code malformed-multipart}), not a fault of the server. The parser reports
 * truncated bodies, wrong boundaries, broken part headers or encodings with whatever exception is at hand
 * ({@code IOException}, {@code IllegalArgumentException}, ...), so the moment tells, not the type.
 */
public class MultipartParsing {

    private static final String PARSING = MultipartParsing.class.getName() + ".parsing";

    /**
     * Request filters run before the body is parsed; this one runs after the others (a higher priority value), so
     * that a failure of theirs — the write count's database, say — is not taken for the client's malformed body.
     */
    @ServerRequestFilter(priority = Priorities.USER + 1000)
    public void beforeParsing(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type != null && "multipart".equalsIgnoreCase(type.getType())) {
            request.setProperty(PARSING, Boolean.TRUE);
        }
    }

    /** ... and this one after: the body was read and parsed without failing. */
    @ServerRequestFilter(readBody = true)
    public void afterParsing(ContainerRequestContext request) {
        request.removeProperty(PARSING);
    }

    /** Whether the request failed while its multipart body was being parsed. */
    public static boolean failedWhileParsing(ContainerRequestContext request) {
        return request != null && request.getProperty(PARSING) != null;
    }
}

package dev.dealroom.common;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.error.Problem;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.error.ProblemMappers;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.RequestLanguage;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.common.error.RefusalLog;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, before any routing, authentication or parsing, a request whose head is too large or malformed, with a
 * problem body and one log line: a URI over {@code dealroom.api.max-uri-length} (414 {@code uri-too-long}),
 * headers over {@code dealroom.api.max-header-bytes} (431 {@code headers-too-large}), a {@code Content-Type} that
 * is not a media type ({@link ContentTypes}), and a {@code Content-Length} over
 * {@code quarkus.http.limits.max-body-size} (413 {@code payload-too-large}). The connection is closed after the
 * answer, since the body was not read.
 * <p>
 * The HTTP decoder (Netty, under Vert.x) enforces {@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size} itself, before any handler of the application runs, and answers a bare 414 or 431;
 * Quarkus offers no hook there. Those are therefore set as hard caps well above this guard's limits, so that
 * what this guard refuses gets a problem body, and only grossly oversized heads meet the decoder's bare answer.
 */
@ApplicationScoped
public class RequestHeadGuard {

    /** Before Quarkus's own body-size check ({@code ROUTE_ORDER_UPLOAD_LIMIT}), which answers 413 with no body. */
    private static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** What a header line adds to its name and value: ": " and CRLF. */
    private static final int HEADER_LINE_OVERHEAD = 4;

    private final DealRoomConfig.Api config;
    private final Optional<MemorySize> maxBodySize;
    private final ObjectMapper json;

    public RequestHeadGuard(DealRoomConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            ObjectMapper json) {
        this.config = config.api();
        this.maxBodySize = maxBodySize;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Optional<Refusal> refusal = refusal(request);
        if (refusal.isEmpty()) {
            routing.next();
            return;
        }
        ProblemCode code = refusal.get().code();
        RefusalLog.refused(request.method().name(), request.path(), code, refusal.get().reason());
        HttpServerResponse response = routing.response();
        response.setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (request.version() != HttpVersion.HTTP_2) {
            // HTTP/1: the unread body would otherwise be taken for the next request
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(ended -> request.connection().close());
        }
        response.end(body(code, RequestLanguage.of(request), refusal.get().detail()));
    }

    private Optional<Refusal> refusal(HttpServerRequest request) {
        if (request.uri().length() > config.maxUriLength()) {
            return Optional.of(new Refusal(ProblemCode.URI_TOO_LONG,
                    Text.of("detail.uri-limit", "limit", config.maxUriLength()),
                    "a URI of " + request.uri().length() + " characters"));
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + HEADER_LINE_OVERHEAD;
        }
        if (headerBytes > config.maxHeaderBytes()) {
            return Optional.of(new Refusal(ProblemCode.HEADERS_TOO_LARGE,
                    Text.of("detail.header-limit", "limit", config.maxHeaderBytes()),
                    "headers of " + headerBytes + " bytes"));
        }
        List<String> contentTypes = request.headers().getAll(HttpHeaders.CONTENT_TYPE);
        if (contentTypes.size() > 1) {
            return Optional.of(new Refusal(ProblemCode.MALFORMED_CONTENT_TYPE, Text.of("detail.one-content-type"),
                    contentTypes.size() + " Content-Type headers"));
        }
        if (contentTypes.size() == 1) {
            Optional<ContentTypes.Refusal> malformed = ContentTypes.check(contentTypes.get(0));
            if (malformed.isPresent()) {
                return Optional.of(new Refusal(malformed.get().code(), malformed.get().detail(),
                        "Content-Type " + contentTypes.get(0)));
            }
        }
        return tooLong(request.getHeader(HttpHeaders.CONTENT_LENGTH));
    }

    private Optional<Refusal> tooLong(String contentLength) {
        if (contentLength == null || maxBodySize.isEmpty()) {
            return Optional.empty();
        }
        long limit = maxBodySize.get().asLongValue();
        long length;
        try {
            length = Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            // HTTP/1 decoding refuses such a request earlier; HTTP/2 leaves the header to us
            return Optional.of(new Refusal(ProblemCode.BAD_REQUEST, Text.of("detail.content-length"),
                    "Content-Length " + contentLength));
        }
        if (length > limit) {
            return Optional.of(new Refusal(ProblemCode.PAYLOAD_TOO_LARGE,
                    Text.of("detail.body-limit", "limit", limit), "a body of " + length + " bytes"));
        }
        return Optional.empty();
    }

    private String body(ProblemCode code, Language language, Text detail) {
        try {
            return json.writeValueAsString(ProblemMappers.problemOf(code, language, detail, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem body always serialises", e);
        }
    }

    /** A refusal: its code, the detail told to the client, and the reason written to the log. */
    private record Refusal(ProblemCode code, Text detail, String reason) {
    }
}

package dev.dealroom.common;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;

/**
 * Which browser origins may act on this server with a user's credentials: the server's own (the page it
 * serves) and those listed in {@code dealroom.live.allowed-origins}. Used where a browser sends credentials
 * on its own — the session cookie and the WebSocket upgrade — so that another site cannot ride on them.
 */
@ApplicationScoped
public class Origins {

    private final DealRoomConfig config;

    public Origins(DealRoomConfig config) {
        this.config = config;
    }

    /** No {@code Origin} header: not a browser's cross-site request. Otherwise this server's or allowlisted. */
    public boolean allowed(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        List<String> allowed = config.live().allowedOrigins().orElse(List.of());
        if (allowed.stream().anyMatch(origin::equalsIgnoreCase)) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && originHost != null
                    && host.toLowerCase(Locale.ROOT).equals(originHost.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

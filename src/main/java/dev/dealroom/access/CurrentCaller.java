package dev.dealroom.access;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dealroom.common.DealRoomConfig;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request, read from the OIDC token (bearer or session ID token). Only standard
 * claims are used ({@code sub}, {@code email}, {@code email_verified}, {@code name},
 * {@code preferred_username}), so any compliant OpenID provider works.
 */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final DealRoomConfig config;

    public CurrentCaller(SecurityIdentity identity, DealRoomConfig config) {
        this.identity = identity;
        this.config = config;
    }

    public Caller get() {
        return of(identity, config.identity().requireVerifiedEmail());
    }

    /** The caller an OIDC identity stands for; also used at WebSocket upgrades, outside any request scope. */
    public static Caller of(SecurityIdentity identity, boolean requireVerifiedEmail) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        Optional<String> email = text(token, "email").map(value -> value.toLowerCase(Locale.ROOT));
        boolean verified = flag(token, "email_verified") || !requireVerifiedEmail;
        String name = text(token, "name").or(() -> text(token, "preferred_username")).or(() -> email)
                .orElse(token.getSubject());
        return new Caller(token.getSubject(), verified ? email : Optional.empty(), name);
    }

    /** When the caller's login stops being valid: its token's {@code exp}, if it has one. */
    public Optional<Instant> sessionEnds() {
        return sessionEnds(identity);
    }

    public static Optional<Instant> sessionEnds(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0) {
            return Optional.of(Instant.ofEpochSecond(token.getExpirationTime()));
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        String text = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
        return Optional.ofNullable(text).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Providers send {@code email_verified} as a JSON boolean, some as the string "true". */
    private static boolean flag(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        return Boolean.TRUE.equals(value) || JsonValue.TRUE.equals(value)
                || (value instanceof JsonString json && "true".equalsIgnoreCase(json.getString()))
                || "true".equals(value);
    }
}

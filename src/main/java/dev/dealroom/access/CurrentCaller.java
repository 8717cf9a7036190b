package dev.dealroom.access;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.Texts;
import dev.dealroom.common.Texts.Lines;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
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
        Caller accepted = identity.getAttribute(VerifiedTokens.CALLER);
        if (accepted != null) {
            return accepted; // read from the same claims when its token was first accepted (BearerTokens#accept)
        }
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        if (token.getSubject() == null || Texts.problem(token.getSubject(), Lines.SINGLE).isPresent()) {
            throw new UnauthorizedException();
        }
        // The provider's claims are text its users typed: an email that is not plain text names no member, and
        // a name is shown to others and logged, so it is kept to one clean line.
        Optional<String> email = text(token, "email").filter(value -> Texts.problem(value, Lines.SINGLE).isEmpty())
                .map(value -> value.toLowerCase(Locale.ROOT));
        boolean verified = flag(token, "email_verified") || !requireVerifiedEmail;
        String name = Stream.of(text(token, "name"), text(token, "preferred_username"), email)
                .flatMap(Optional::stream).map(Texts::toSingleLine).filter(Texts::rendersSomething).findFirst()
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

    /**
     * A claim of the token, as {@link JsonWebToken#getClaim} gives it. The tokens OIDC verified are read from their
     * claims directly: {@code getClaim} first looks the name up among the standard claims' names with
     * {@code Claims.valueOf}, which throws (and catches) an exception for any other name: {@code typ} and {@code name},
     * twice a request.
     */
    static Object claim(JsonWebToken token, String claim) {
        return token instanceof OidcJwtCallerPrincipal oidc ? oidc.getClaims().getClaimValue(claim)
                : token.getClaim(claim);
    }

    private static Optional<String> text(JsonWebToken token, String claim) {
        Object value = claim(token, claim);
        String text = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
        return Optional.ofNullable(text).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Providers send {@code email_verified} as a JSON boolean, some as the string "true". */
    private static boolean flag(JsonWebToken token, String claim) {
        Object value = claim(token, claim);
        return Boolean.TRUE.equals(value) || JsonValue.TRUE.equals(value)
                || (value instanceof JsonString json && "true".equalsIgnoreCase(json.getString()))
                || "true".equals(value);
    }
}

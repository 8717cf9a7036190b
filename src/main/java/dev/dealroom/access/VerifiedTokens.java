package dev.dealroom.access;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.Hashes;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies a bearer token once for its lifetime. A client sends the same access token with every request until it
 * expires; checking its signature, parsing its claims and deriving the caller each time cost more than the rest of a
 * post. The first request's token goes through the OIDC extension and {@link BearerTokens}; the identity they accept is
 * remembered under the SHA-256 of the token until the token's {@code exp}, and later requests with the very same token
 * get it back without a verification. This provider runs before the extension's and answers nothing (so the extension
 * verifies) for a token it has not seen, or one that has expired.
 *
 * <p>
 * What changes: nothing a token can say. A signed token is valid until it expires whoever checks it, and whether its
 * caller may see a room is decided per request by {@link AccessPolicy} from the database. Only the identity
 * provider's retiring of a signing key before the tokens signed with it expire is noticed later (at their expiry).
 * Browser sessions (ID tokens of the code flow) are not concerned.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity attribute under which an accepted bearer identity carries its {@link Caller}. */
    static final String CALLER = Caller.class.getName();

    static final int MAX_ENTRIES = 20_000;

    private record Verified(SecurityIdentity identity, long expiresAtSecond) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Clock clock;

    public VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before the OIDC extension's verification: providers are asked in decreasing priority, and the extension's has the
     * default, {@code SYSTEM_FIRST + 1} (an equal priority would leave the order to chance).
     */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential token)) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        return Uni.createFrom().item(recall(token.getToken())
                .map(identity -> QuarkusSecurityIdentity.builder(identity)
                        .addAttribute(RoutingContext.class.getName(), routing)
                        .addAttribute(AuthenticationRequestContext.class.getName(),
                                routing == null ? null : routing.get(AuthenticationRequestContext.class.getName()))
                        .build())
                .orElse(null));
    }

    /** The identity accepted earlier for this very token, unless it has expired since. */
    public Optional<SecurityIdentity> recall(String token) {
        String key = Hashes.sha256Hex(token);
        Verified known = verified.get(key);
        if (known == null) {
            return Optional.empty();
        }
        if (clock.instant().getEpochSecond() >= known.expiresAtSecond()) {
            verified.remove(key, known);
            return Optional.empty();
        }
        return Optional.of(known.identity());
    }

    /**
     * Remembers an identity the extension verified and {@link BearerTokens} accepted, with its caller, until its token
     * expires; a token without an expiry is not remembered. The request it came with is not kept.
     */
    void remember(String token, SecurityIdentity accepted, long expiresAtSecond) {
        if (expiresAtSecond <= clock.instant().getEpochSecond()) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            long now = clock.instant().getEpochSecond();
            verified.values().removeIf(entry -> entry.expiresAtSecond() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        SecurityIdentity detached = QuarkusSecurityIdentity.builder(accepted)
                .addAttribute(RoutingContext.class.getName(), null)
                .addAttribute(AuthenticationRequestContext.class.getName(), null)
                .build();
        verified.put(Hashes.sha256Hex(token), new Verified(detached, expiresAtSecond));
    }
}

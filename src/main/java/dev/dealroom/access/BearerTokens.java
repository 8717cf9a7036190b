package dev.dealroom.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.dealroom.common.DealRoomConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Accepts a bearer token only if it is an access token meant for this server. The OIDC extension has checked
 * its signature, issuer and expiry; that alone would let any token of the provider act as its user: an ID
 * token (which pages and scripts of other applications hold), or an access token issued to another client of
 * the same realm (say {@code admin-cli}). Here a token must also name an accepted client
 * ({@code dealroom.identity.token-audiences}, by default this server's client id) in its {@code aud} or as its
 * {@code azp}, and must not be marked as another kind of token: Keycloak sets {@code typ} to {@code ID} in
 * ID tokens and to {@code Bearer} in access tokens. A browser's session (the code flow's ID token, which the
 * extension verified against this client) is not a bearer token and is not concerned.
 *
 * <p>
 * HTTP requests are checked as an identity augmentor; the WebSocket upgrade, which authenticates its bearer
 * token itself, calls {@link #check}.
 */
@ApplicationScoped
public class BearerTokens implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class);
    static final String ANY = "any";
    private static final String ACCESS_TOKEN_TYPE = "Bearer";

    private final Set<String> audiences;
    private final VerifiedTokens verified;
    private final boolean requireVerifiedEmail;

    @Inject
    public BearerTokens(DealRoomConfig config,
            @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId, VerifiedTokens verified) {
        this(config.identity().tokenAudiences().orElseGet(() -> clientId.map(List::of).orElse(List.of())), verified,
                config.identity().requireVerifiedEmail());
    }

    BearerTokens(List<String> audiences) {
        this(audiences, null, true);
    }

    private BearerTokens(List<String> audiences, VerifiedTokens verified, boolean requireVerifiedEmail) {
        this.verified = verified;
        this.requireVerifiedEmail = requireVerifiedEmail;
        this.audiences = Set.copyOf(audiences.stream().map(String::strip).filter(a -> !a.isEmpty()).toList());
        if (this.audiences.isEmpty()) {
            LOG.warn("No accepted token audience (dealroom.identity.token-audiences, quarkus.oidc.client-id): "
                    + "every bearer token is refused");
        }
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        try {
            return Uni.createFrom().item(accept(identity));
        } catch (AuthenticationFailedException refused) {
            return Uni.createFrom().failure(refused);
        }
    }

    /**
     * {@link #check}s a bearer identity the first time its token is seen, and gives it its {@link Caller} (read from
     * its claims once) and to {@link VerifiedTokens} until the token expires; an identity recalled from there was
     * accepted already and is returned as it is.
     */
    public SecurityIdentity accept(SecurityIdentity identity) {
        if (identity.getAttribute(VerifiedTokens.CALLER) != null) {
            return identity;
        }
        SecurityIdentity checked = check(identity);
        AccessTokenCredential bearer = checked.getCredential(AccessTokenCredential.class);
        if (verified == null || bearer == null || checked.getCredential(IdTokenCredential.class) != null
                || !(checked.getPrincipal() instanceof JsonWebToken token)) {
            return checked;
        }
        Caller caller;
        try {
            caller = CurrentCaller.of(checked, requireVerifiedEmail);
        } catch (UnauthorizedException refused) {
            return checked; // the request's resource answers 401, as for any token whose claims it refuses
        }
        SecurityIdentity accepted = QuarkusSecurityIdentity.builder(checked).addAttribute(VerifiedTokens.CALLER, caller)
                .build();
        verified.remember(bearer.getToken(), accepted, token.getExpirationTime());
        return accepted;
    }

    /** The identity as it is, or {@link AuthenticationFailedException} if it stands on a token not meant for us. */
    public SecurityIdentity check(SecurityIdentity identity) {
        if (identity.isAnonymous() || identity.getCredential(IdTokenCredential.class) != null
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return identity;
        }
        if (!meantForThisServer(token)) {
            LOG.debugf("Refused a bearer token: typ %s, aud %s, azp %s", text(token, "typ").orElse("-"),
                    token.getAudience(), text(token, "azp").orElse("-"));
            throw new AuthenticationFailedException("The token is not an access token for this server");
        }
        return identity;
    }

    /** Whether {@code token} is an access token issued for one of the accepted clients. */
    boolean meantForThisServer(JsonWebToken token) {
        Optional<String> type = text(token, "typ");
        if (type.isPresent() && !type.get().equalsIgnoreCase(ACCESS_TOKEN_TYPE)) {
            return false;
        }
        // Providers that do not mark their tokens' type still give an ID token away by the hashes OpenID Connect
        // puts only there (of the access token, of the code): an ID token naming this client is not an access token.
        if (token.containsClaim("at_hash") || token.containsClaim("c_hash")) {
            return false;
        }
        if (audiences.contains(ANY)) {
            return true;
        }
        Set<String> audience = token.getAudience();
        if (audience != null && audience.stream().anyMatch(audiences::contains)) {
            return true;
        }
        return text(token, "azp").filter(audiences::contains).isPresent();
    }

    private static Optional<String> text(JsonWebToken token, String claim) {
        Object value = CurrentCaller.claim(token, claim);
        return Optional.ofNullable(value instanceof JsonString json ? json.getString()
                : value instanceof String s ? s : null);
    }
}

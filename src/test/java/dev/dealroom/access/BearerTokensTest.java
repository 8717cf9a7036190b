package dev.dealroom.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** Which verified tokens count as access tokens meant for this server: the rule alone, no container. */
class BearerTokensTest {

    private final BearerTokens server = new BearerTokens(List.of("deal-room"));

    @Test
    void accessTokensThatNameThisServer() {
        // Keycloak's API client with the realm's audience mapper
        accepted(server, Map.of("typ", "Bearer", "aud", "deal-room", "azp", "deal-room-api"));
        // Keycloak's access token of the web page's own code flow
        accepted(server, Map.of("typ", "Bearer", "aud", "account", "azp", "deal-room"));
        // a provider that puts several audiences, and one that sets no typ
        accepted(server, Map.of("aud", List.of("account", "deal-room")));
    }

    @Test
    void tokensOfOtherClientsOrOfNoClient() {
        refused(server, Map.of("typ", "Bearer", "azp", "admin-cli"));
        refused(server, Map.of("typ", "Bearer", "aud", "account", "azp", "admin-cli"));
        refused(server, Map.of("typ", "Bearer"));
        refused(server, Map.of());
    }

    @Test
    void idAndRefreshTokensAreNeverAccessTokens() {
        refused(server, Map.of("typ", "ID", "aud", "deal-room", "azp", "deal-room"));
        refused(server, Map.of("typ", "Refresh", "aud", "deal-room", "azp", "deal-room"));
        refused(new BearerTokens(List.of("any")), Map.of("typ", "ID", "aud", "deal-room"));
        // an unmarked ID token (no typ) is known by the hashes only ID tokens carry
        refused(server, Map.of("aud", "deal-room", "at_hash", "x3Dq1-5Ju6FQvTx_YmwJqg"));
        refused(server, Map.of("aud", "deal-room", "c_hash", "LDktKdoQak3Pk0cnXxCltA"));
    }

    @Test
    void anyAcceptsTheDevProvidersUnmarkedAccessTokens() {
        accepted(new BearerTokens(List.of("any")), Map.of("scope", "openid"));
    }

    @Test
    void withoutAnAcceptedAudienceNothingIsAccepted() {
        refused(new BearerTokens(List.of(" ")), Map.of("typ", "Bearer", "aud", "deal-room", "azp", "deal-room"));
    }

    private static void accepted(BearerTokens rule, Map<String, Object> claims) {
        assertEquals(true, rule.meantForThisServer(token(claims)), claims::toString);
    }

    private static void refused(BearerTokens rule, Map<String, Object> claims) {
        assertEquals(false, rule.meantForThisServer(token(claims)), claims::toString);
    }

    private static JsonWebToken token(Map<String, Object> claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setSubject("someone");
        claims.forEach(jwt::setClaim);
        return new DefaultJWTCallerPrincipal(jwt);
    }
}

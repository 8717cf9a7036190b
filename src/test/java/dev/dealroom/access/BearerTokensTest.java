package dev.dealroom.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
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

    /**
     * Every request reads its token's claims, and some are not among the standard claims SmallRye JWT knows by name
     * ({@code typ}, {@code name}): asked for them, it throws and catches an exception each time.
     */
    @Test
    void readingAVerifiedTokensClaimsThrowsNothing() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("someone");
        Map.of("typ", "Bearer", "aud", "deal-room", "name", "Ann Example", "email", "ann@example.com",
                "email_verified", true).forEach(claims::setClaim);
        JsonWebToken token = new OidcJwtCallerPrincipal(claims, null);
        CurrentCaller.of(QuarkusSecurityIdentity.builder().setPrincipal(token).build(), true); // classes loaded
        Path recorded = Files.createTempFile("claims", ".jfr");
        Caller caller;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaExceptionThrow");
            recording.start();
            assertEquals(true, server.meantForThisServer(token));
            caller = CurrentCaller.of(QuarkusSecurityIdentity.builder().setPrincipal(token).build(), true);
            recording.stop();
            recording.dump(recorded);
        }
        List<String> thrown = RecordingFile.readAllEvents(recorded).stream()
                .filter(event -> event.getThread() != null
                        && event.getThread().getJavaThreadId() == Thread.currentThread().getId())
                .map(event -> event.getClass("thrownClass").getName()).toList();
        Files.delete(recorded);
        assertEquals(new Caller("someone", Optional.of("ann@example.com"), "Ann Example"), caller);
        assertEquals(List.of(), thrown);
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

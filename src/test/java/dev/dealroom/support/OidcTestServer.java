package dev.dealroom.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * One WireMock OIDC provider for the whole suite: it serves the discovery document and the signing keys, and
 * {@link Person} signs real RS256 tokens with the matching private key, so every request goes through the real
 * OIDC token verification.
 */
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
public final class OidcTestServer {

    public static final String ISSUER = "https://server.example.com";
    /** This server's client: the web page's sign-in, and the audience API tokens must name. */
    public static final String CLIENT_ID = "deal-room";
    /** The client scripts get their tokens from (Keycloak's realm calls it so too). */
    public static final String API_CLIENT_ID = "deal-room-api";

    private OidcTestServer() {
    }
}

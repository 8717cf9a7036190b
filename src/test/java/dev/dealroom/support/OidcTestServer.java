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
    public static final String CLIENT_ID = "deal-room";

    private OidcTestServer() {
    }
}

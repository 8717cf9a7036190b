package dev.dealroom.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * The test OIDC provider's sign-in page, for the browser tests: its authorization endpoint shows a form that
 * asks for an email and sends the browser back to Deal Room with that email as the authorization code; its
 * token endpoint exchanges the code of each {@link #allow allowed} person for real signed tokens. Deal Room
 * runs the whole authorization code flow against it, as it does against Keycloak.
 */
public final class TestSignInPage {

    private static final String REALM = "/auth/realms/quarkus";
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><title>Test identity provider</title></head>
            <body>
              <form method="get" action="{{request.query.redirect_uri}}">
                <input type="hidden" name="state" value="{{request.query.state}}">
                <label for="username">Email</label> <input id="username" name="code">
                <button type="submit">Continue</button>
              </form>
            </body></html>
            """;
    private static boolean installed;

    private TestSignInPage() {
    }

    /** Lets {@code person} sign in through the page. */
    public static void allow(Person person) {
        allow(person, Instant.now().plusSeconds(600));
    }

    /**
     * Lets {@code person} sign in through the page with an ID token that expires at {@code sessionEnds}; the
     * provider issues no refresh token, so the session cannot be renewed past it.
     */
    public static synchronized void allow(Person person, Instant sessionEnds) {
        WireMock provider = provider();
        if (!installed) {
            provider.register(get(urlPathMatching(REALM + "/?")).atPriority(1)
                    .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(PAGE)
                            .withTransformers("response-template")));
            // RP-initiated sign-out ends here and goes back where Deal Room asks
            provider.register(get(urlPathEqualTo(REALM + "/protocol/openid-connect/end-session")).atPriority(1)
                    .willReturn(aResponse().withStatus(302)
                            .withHeader("Location", "{{request.query.post_logout_redirect_uri}}")
                            .withTransformers("response-template")));
            installed = true;
        }
        String tokens;
        try {
            tokens = new ObjectMapper().writeValueAsString(java.util.Map.of("access_token", person.token(),
                    "id_token", person.idTokenExpiringAt(sessionEnds), "token_type", "Bearer", "expires_in",
                    Duration.between(Instant.now(), sessionEnds).toSeconds()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        provider.register(post(urlPathEqualTo(REALM + "/token")).atPriority(1)
                .withRequestBody(containing("code=" + URLEncoder.encode(person.email(), StandardCharsets.UTF_8)))
                .willReturn(okJson(tokens)));
    }

    private static WireMock provider() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("keycloak.url", String.class));
        return new WireMock(url.getHost(), url.getPort());
    }
}

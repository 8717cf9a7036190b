package dev.dealroom.session;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.dealroom.common.error.ProblemMappers;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.RequestLanguage;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The web page's sign-in. {@code /login} requires a login, and answers a browser without one (anonymous, or
 * whose session has ended) with the provider's authorization code flow rather than the API's 401 problem; once
 * the session cookie is set it lands here and goes back to the page. Signing out is {@code /logout}, handled by
 * Quarkus OIDC.
 */
@Path("/login")
public class SignInResource {

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response signedIn() {
        return Response.seeOther(URI.create("/")).build();
    }

    /**
     * The sign-in challenge for this resource only (the API keeps its problem bodies): it drops any session
     * cookie and sends the browser to the provider. A browser whose session has ended (its ID token expired
     * and could not be renewed) or whose cookie cannot be read keeps sending that cookie until the cookie itself
     * expires; answering it with a 401 would leave *Sign in* broken until then.
     */
    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Uni<Response> signIn(RoutingContext request) {
        HttpAuthenticator authenticator = request.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(ProblemMappers.unauthorized(RequestLanguage.of(request.request())));
        }
        Language language = RequestLanguage.of(request.request());
        return authenticator.getChallenge(request).map(challenge -> toResponse(challenge, language))
                .onFailure().recoverWithItem(() -> ProblemMappers.unauthorized(language));
    }

    private static Response toResponse(ChallengeData challenge, Language language) {
        if (challenge == null) {
            return ProblemMappers.unauthorized(language);
        }
        Response.ResponseBuilder response = Response.status(challenge.status);
        challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
        return response.build();
    }
}

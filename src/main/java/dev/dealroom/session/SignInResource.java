package dev.dealroom.session;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The web page's sign-in. {@code /login} is protected by an HTTP permission (application.properties), so an
 * anonymous browser is sent through the provider's authorization code flow first; once the session cookie is
 * set it lands here and goes back to the page. Signing out is {@code /logout}, handled by Quarkus OIDC.
 */
@Path("/login")
public class SignInResource {

    @GET
    @Operation(hidden = true)
    public Response signedIn() {
        return Response.seeOther(URI.create("/")).build();
    }
}

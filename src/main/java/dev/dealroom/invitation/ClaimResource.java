package dev.dealroom.invitation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

@Path("/api/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Invitations")
public class ClaimResource {

    private final InvitationService invitations;
    private final CurrentCaller caller;

    public ClaimResource(InvitationService invitations, CurrentCaller caller) {
        this.invitations = invitations;
        this.caller = caller;
    }

    @POST
    @Path("/claim")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Use an invitation link", description = "Signed in with the invited, verified email: "
            + "answers the room to go to. Each link works once.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "email-not-verified invitation-not-found invitation-used invitation-expired invitation-revoked invitation-email-mismatch room-closed")
    public ClaimView claim(@Valid @NotNull ClaimRequest request) {
        return invitations.claim(caller.get(), request);
    }
}

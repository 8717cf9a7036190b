package dev.dealroom.committee;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import dev.dealroom.common.i18n.RequestLanguage;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}/committee")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Buying committee", description = "Buyer-side members' buying roles and attitudes, and their coverage: "
        + "the steering group's only")
public class CommitteeResource {

    private final CommitteeService committee;
    private final CurrentCaller caller;
    private final RequestLanguage language;

    public CommitteeResource(CommitteeService committee, CurrentCaller caller, RequestLanguage language) {
        this.committee = committee;
        this.caller = caller;
        this.language = language;
    }

    @GET
    @Operation(summary = "The buying committee and its coverage", description = "Owner and decision-makers. Every "
            + "buyer-side member with their roles and attitude, and the gaps: roles nobody holds, roles whose holders "
            + "are all silent, a champion outside the business case, an economic buyer outside steering. The gaps' "
            + "texts are in the caller's language; their codes are the same in every language.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden")
    public CommitteeView view(@PathParam("roomId") String roomId) {
        return committee.view(caller.get(), roomId, language.get());
    }

    @PUT
    @Path("/{memberId}")
    @Operation(summary = "Set a member's roles and attitude", description = "The owner; buyer-side members only. "
            + "Replaces the member's roles and attitude as a whole; sending what is already set records nothing.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public Seat set(@PathParam("roomId") String roomId, @PathParam("memberId") String memberId,
            @Valid @NotNull SeatRequest request) {
        return committee.set(caller.get(), roomId, memberId, request);
    }
}

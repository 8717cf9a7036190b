package dev.dealroom.group;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

/** Group paths take the group's id or, for default groups, its key ({@code proof}, {@code contracts}, ...). */
@Path("/api/rooms/{roomId}/groups")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Groups", description = "The room's ad hoc groups; each person sees only the groups they are in")
public class GroupResource {

    private final GroupService groups;
    private final CurrentCaller caller;

    public GroupResource(GroupService groups, CurrentCaller caller) {
        this.groups = groups;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The groups I am in")
    public List<GroupView> list(@PathParam("roomId") String roomId) {
        return groups.list(caller.get(), roomId);
    }

    @POST
    @Operation(summary = "Add a workstream or custom group", description = "Owner and decision-makers; the creator "
            + "is in it.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GroupView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public RestResponse<GroupView> create(@PathParam("roomId") String roomId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull CreateGroupRequest request) {
        GroupView group = groups.create(caller.get(), roomId, request, idempotencyKey);
        return RestResponse.ResponseBuilder.<GroupView>created(URI.create("/api/rooms/" + roomId + "/groups/" + group.id()))
                .entity(group).build();
    }

    @GET
    @Path("/{groupId}")
    @Operation(summary = "A group I am in")
    public GroupView get(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId) {
        return groups.get(caller.get(), roomId, groupId);
    }

    @PUT
    @Path("/{groupId}/members/{memberId}")
    @Operation(summary = "Put a room member in the group", description = "Owner and decision-makers who are in the "
            + "group. Idempotent.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed group-membership-fixed")
    public GroupView addMember(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("memberId") String memberId) {
        return groups.addMember(caller.get(), roomId, groupId, memberId);
    }

    @DELETE
    @Path("/{groupId}/members/{memberId}")
    @Operation(summary = "Take a member out of the group", description = "Owner and decision-makers who are in the "
            + "group. Idempotent.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed group-membership-fixed")
    public void removeMember(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("memberId") String memberId) {
        groups.removeMember(caller.get(), roomId, groupId, memberId);
    }
}

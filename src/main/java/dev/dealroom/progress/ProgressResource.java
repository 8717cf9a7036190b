package dev.dealroom.progress;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import dev.dealroom.common.i18n.RequestLanguage;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Coordination", description = "Progress, health, read tracking, nudges and the pipeline")
public class ProgressResource {

    private final ProgressService progress;
    private final ReadService reads;
    private final NudgeService nudges;
    private final CurrentCaller caller;
    private final RequestLanguage language;
    private final Visits visits;

    public ProgressResource(ProgressService progress, ReadService reads, NudgeService nudges, CurrentCaller caller,
            RequestLanguage language, Visits visits) {
        this.visits = visits;
        this.progress = progress;
        this.reads = reads;
        this.nudges = nudges;
        this.caller = caller;
        this.language = language;
    }

    @GET
    @Path("/progress")
    @Operation(summary = "The coordination view", description = "Steering members (owner, decision-makers) get "
            + "the figures of every group, never the content of a group they are not in; others their groups'. The "
            + "health reasons' texts and the groups' labels are in the caller's language (see `PUT /api/me/language`, "
            + "else `Accept-Language`); their codes are the same in every language.")
    public ProgressView progress(@PathParam("roomId") String roomId) {
        return progress.progress(caller.get(), roomId, language.get());
    }

    @GET
    @Path("/engagement")
    @Operation(summary = "Engagement of the buyer's side", description = "Per buyer-side member: last visit, visits "
            + "in the last 14 days, share of key updates seen and of due tasks done on time, and a level with its "
            + "reasons in the caller's language. Owner and decision-makers only (`engagement.view`); others get 403.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden")
    public EngagementView engagement(@PathParam("roomId") String roomId) {
        return progress.engagement(caller.get(), roomId, language.get());
    }

    @PUT
    @Path("/groups/{groupId}/read")
    @Operation(summary = "Mark the group read up to a seq", description = "Markers only move forward. The "
            + "WebSocket takes the same as {\"type\":\"read\",\"groupId\":...,\"seq\":N}.")
    public UnreadView read(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @Valid @NotNull ReadRequest request) {
        return reads.markRead(caller.get(), roomId, groupId, request.seq());
    }

    @POST
    @Path("/visits")
    @Operation(summary = "I opened the room", description = "A client sends it when its reader enters the room (the "
            + "web page: once per opening, not when it reloads by itself). For a buyer-side member of an open room it "
            + "is a visit, which engagement counts; opening it again within the visit gap (30 minutes) is the same "
            + "visit. `counted` says whether engagement counts the caller's visits (a buyer-side member of an open "
            + "room).")
    public Visits.Visit visited(@PathParam("roomId") String roomId) {
        return visits.visited(caller.get(), roomId);
    }

    @GET
    @Path("/unread")
    @Operation(summary = "Unread counts of my groups")
    public List<UnreadView> unread(@PathParam("roomId") String roomId) {
        return reads.unread(caller.get(), roomId);
    }

    @GET
    @Path("/key-updates")
    @Operation(summary = "Key updates of my groups, with who has and has not seen each")
    public List<KeyUpdateView> keyUpdates(@PathParam("roomId") String roomId) {
        return reads.keyUpdates(caller.get(), roomId);
    }

    @POST
    @Path("/members/{memberId}/nudges")
    @Operation(summary = "Nudge a member", description = "Owner and decision-makers; once per member, topic and day.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NudgeView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed nudge-limit")
    public RestResponse<NudgeView> nudge(@PathParam("roomId") String roomId, @PathParam("memberId") String memberId,
            @Valid @NotNull NudgeRequest request) {
        return RestResponse.status(RestResponse.Status.CREATED,
                nudges.nudge(caller.get(), roomId, memberId, request.topic()));
    }
}

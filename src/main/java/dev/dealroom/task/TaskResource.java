package dev.dealroom.task;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import dev.dealroom.common.CountsItsWrite;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

@Path("/api/rooms/{roomId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "The mutual action plan")
public class TaskResource {

    private final TaskService tasks;
    private final CurrentCaller caller;

    public TaskResource(TaskService tasks, CurrentCaller caller) {
        this.tasks = tasks;
        this.caller = caller;
    }

    @GET
    @Path("/plan")
    @Operation(summary = "The room-wide plan", description = "The tasks of every group I am in, soonest due first.")
    public List<PlanItem> plan(@PathParam("roomId") String roomId) {
        return tasks.plan(caller.get(), roomId);
    }

    @GET
    @Path("/groups/{groupId}/tasks")
    @Operation(summary = "The group's tasks, in the group's order")
    public List<TaskView> list(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId) {
        return tasks.list(caller.get(), roomId, groupId);
    }

    @POST
    @Path("/groups/{groupId}/tasks")
    @CountsItsWrite
    @Operation(summary = "Add a task", description = "Any group member. Retry-safe with clientId or Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TaskView.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "room-closed")
    public RestResponse<TaskView> create(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull CreateTaskRequest request) {
        TaskView task = tasks.create(caller.get(), roomId, groupId, request, idempotencyKey);
        return RestResponse.ResponseBuilder.<TaskView>created(
                URI.create("/api/rooms/" + roomId + "/groups/" + task.groupId() + "/tasks/" + task.id()))
                .entity(task).build();
    }

    @PUT
    @Path("/groups/{groupId}/tasks/order")
    @Operation(summary = "Reorder the group's tasks", description = "The room owner and decision-makers. Lists every "
            + "task of the group once, first first; a list that misses one or names another is 400 (field taskIds: "
            + "stale-order). One task.reordered event; none when nothing moved. Answers the tasks in their new order.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed")
    public List<TaskView> reorder(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @Valid @NotNull TaskOrderRequest request) {
        return tasks.reorder(caller.get(), roomId, groupId, request);
    }

    @GET
    @Path("/groups/{groupId}/tasks/{taskId}")
    @Operation(summary = "One task")
    public TaskView get(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("taskId") String taskId) {
        return tasks.get(caller.get(), roomId, groupId, taskId);
    }

    @PATCH
    @Path("/groups/{groupId}/tasks/{taskId}")
    @CountsItsWrite
    @Operation(summary = "Change a task", description = "The task's owner, the room owner and decision-makers. "
            + "Status moves as the TaskStatus schema lists; any other is 409 invalid-transition.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden room-closed invalid-transition")
    public TaskView update(@PathParam("roomId") String roomId, @PathParam("groupId") String groupId,
            @PathParam("taskId") String taskId, @Valid @NotNull UpdateTaskRequest request) {
        return tasks.update(caller.get(), roomId, groupId, taskId, request);
    }
}

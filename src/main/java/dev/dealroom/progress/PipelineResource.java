package dev.dealroom.progress;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import io.quarkus.security.Authenticated;

@Path("/api/pipeline")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coordination")
public class PipelineResource {

    private final ProgressService progress;
    private final CurrentCaller caller;

    public PipelineResource(ProgressService progress, CurrentCaller caller) {
        this.progress = progress;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "My rooms at a glance", description = "Every room I am a member of, with health and next "
            + "milestone. sort: decisionDate (default), name, amount, stage, health, lastBuyerActivity; order: asc "
            + "(default) or desc.")
    public List<PipelineItem> pipeline(@QueryParam("sort") @DefaultValue("decisionDate") String sort,
            @QueryParam("order") @DefaultValue("asc") String order) {
        return progress.pipeline(caller.get(), sort, order);
    }
}

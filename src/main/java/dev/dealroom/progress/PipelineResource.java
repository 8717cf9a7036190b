package dev.dealroom.progress;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.Numbers;
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
    @Operation(summary = "My rooms at a glance, a page at a time", description = "The rooms I am a member of, with "
            + "health and next milestone, sorted on the server: sort decisionDate (default), name, amount, stage, "
            + "health or lastBuyerActivity, ties broken by room id; order asc (default) or desc. limit rooms (1 to "
            + ProgressService.MAX_PAGE + ", default 50) from the offset-th (default 0); total counts them all, and "
            + "nextOffset is the offset of the next page (null on the last). Open rooms, or with archived=true the "
            + "closed ones (won or lost), with when and, for the seller's side, why. Invalid values answer 400 with "
            + "the fields in errors.")
    public PipelinePage pipeline(
            @Parameter(description = "decisionDate, name, amount, stage, health or lastBuyerActivity")
            @QueryParam("sort") @DefaultValue("decisionDate") String sort,
            @Parameter(description = "asc or desc") @QueryParam("order") @DefaultValue("asc") String order,
            @Parameter(description = "rooms to skip, 0 or more", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "0", defaultValue = "0")) @QueryParam("offset") @DefaultValue("0") String offset,
            @Parameter(description = "rooms in the page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + ProgressService.MAX_PAGE, defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit,
            @Parameter(description = "true: the archive of closed rooms instead of the open ones")
            @QueryParam("archived") @DefaultValue("false") String archived) {
        return progress.pipeline(caller.get(), sort, order, Numbers.parseInt("offset", offset),
                Numbers.parseInt("limit", limit), Inputs.parseBoolean("archived", archived));
    }
}

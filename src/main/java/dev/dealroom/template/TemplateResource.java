package dev.dealroom.template;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ProblemDocumentation;
import io.quarkus.security.Authenticated;

@Path("/api/templates")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Templates", description = "A room's groups, plan and welcome text, without people, to open rooms from")
public class TemplateResource {

    private final TemplateService templates;
    private final CurrentCaller caller;

    public TemplateResource(TemplateService templates, CurrentCaller caller) {
        this.templates = templates;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The templates I may open rooms from", description = "The built-in ones (in my language), "
            + "mine, then those others share; without their content.")
    public List<TemplateView> list() {
        return templates.list(caller.get());
    }

    @GET
    @Path("/{templateId}")
    @Operation(summary = "A template, with its content", description = "404 for a template I may not see.")
    public TemplateView get(@PathParam("templateId") String templateId) {
        return templates.get(caller.get(), templateId);
    }

    @PATCH
    @Path("/{templateId}")
    @Operation(summary = "Rename, describe, share or unshare a template", description = "Its author only (403 for a "
            + "shared or built-in one).")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden")
    public TemplateView update(@PathParam("templateId") String templateId,
            @Valid @NotNull UpdateTemplateRequest request) {
        return templates.update(caller.get(), templateId, request);
    }

    @DELETE
    @Path("/{templateId}")
    @Operation(summary = "Delete a template", description = "Its author only; rooms opened from it keep what they got.")
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "forbidden")
    public void delete(@PathParam("templateId") String templateId) {
        templates.delete(caller.get(), templateId);
    }
}

package dev.dealroom.task;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/** Writes the task status moves into the API document's {@code TaskStatus} schema, from {@link TaskStatus}. */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class TaskStatusDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema schema = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                : openAPI.getComponents().getSchemas().get(TaskStatus.class.getSimpleName());
        if (schema != null) {
            schema.setDescription("Where a task stands. Allowed moves (any other is 409 invalid-transition): "
                    + moves() + ".");
        }
    }

    /** "TODO -> IN_PROGRESS | BLOCKED | DONE, ...". */
    public static String moves() {
        return Arrays.stream(TaskStatus.values())
                .map(from -> from + " -> " + from.next().stream().map(TaskStatus::name)
                        .collect(Collectors.joining(" | ")))
                .collect(Collectors.joining(", "));
    }
}

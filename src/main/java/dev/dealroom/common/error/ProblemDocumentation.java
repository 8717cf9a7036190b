package dev.dealroom.common.error;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.dealroom.common.i18n.Language;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes into the API document every problem (RFC 9457) each operation can answer, with an example per
 * {@link ProblemCode}, so that a client generated from the document knows every status it may get and the body that
 * comes with it.
 *
 * <p>Most problems follow from an operation's shape, because the filters that answer them apply to every operation
 * of that shape: a signed-in operation may answer 401 {@code unauthenticated}; one with a path parameter 404
 * {@code not-found} (what the caller may not see is not there); one in a room 410 {@code room-access-ended} (a
 * buyer, once a closed room's access period is over); one with a body the body's 400, 413 and 415; one with a query
 * parameter 400 {@code validation-failed}; one with an {@code Idempotency-Key} 409 {@code idempotency-key-reused};
 * every write 403 {@code cross-origin}, 409 {@code conflict} (it lost a race with another change) and 429
 * {@code rate-limited}. The rest are the operation's own rules (a refused action, a closed room, a conflict): its
 * resource method names them with {@code @Extension(name = "x-problems", value = "forbidden room-closed")}, which
 * this filter turns into responses and then removes. An unknown code there fails the build.
 *
 * <p>It also names every operation ({@code operationId}) after its resource and method ({@code postCreate} for
 * {@code PostResource.create}), which a generated client uses as the method's name.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemDocumentation implements OASFilter {

    /** The operation extension that lists an operation's own problem codes, separated by spaces. */
    public static final String PROBLEMS = "x-problems";
    private static final String PROBLEM_SCHEMA = "Problem";
    private static final String FIELD_ERROR_SCHEMA = "FieldError";
    private static final Set<ProblemCode> OF_A_JSON_BODY = EnumSet.of(ProblemCode.VALIDATION_FAILED,
            ProblemCode.MALFORMED_JSON, ProblemCode.MALFORMED_CONTENT_TYPE, ProblemCode.PAYLOAD_TOO_LARGE,
            ProblemCode.UNSUPPORTED_MEDIA_TYPE);
    private static final Set<ProblemCode> OF_A_MULTIPART_BODY = EnumSet.of(ProblemCode.VALIDATION_FAILED,
            ProblemCode.MALFORMED_MULTIPART, ProblemCode.MALFORMED_CONTENT_TYPE, ProblemCode.PAYLOAD_TOO_LARGE,
            ProblemCode.UNSUPPORTED_MEDIA_TYPE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema(FIELD_ERROR_SCHEMA, fieldErrorSchema());
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(schema -> {
                mayBeNull(schema);
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((name, property) -> {
                        if (schema.getRequired() == null || !schema.getRequired().contains(name)) {
                            mayBeNull(property);
                        }
                    });
                }
            });
        }
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            operation.setOperationId(operationId(operation));
            document(method, operation, securedByDefault);
        }));
    }

    private static void document(PathItem.HttpMethod method, Operation operation, boolean securedByDefault) {
        Set<ProblemCode> codes = EnumSet.noneOf(ProblemCode.class);
        boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty() : securedByDefault;
        if (secured) {
            codes.add(ProblemCode.UNAUTHENTICATED);
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            codes.add(ProblemCode.NOT_FOUND);
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH && "roomId".equals(p.getName()))) {
            codes.add(ProblemCode.ROOM_ACCESS_ENDED);
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER
                && "Idempotency-Key".equalsIgnoreCase(p.getName()))) {
            codes.add(ProblemCode.IDEMPOTENCY_KEY_REUSED);
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
            codes.add(ProblemCode.VALIDATION_FAILED);
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            Set<String> mediaTypes = operation.getRequestBody().getContent().getMediaTypes().keySet();
            codes.addAll(mediaTypes.stream().anyMatch(type -> type.startsWith("multipart/")) ? OF_A_MULTIPART_BODY
                    : OF_A_JSON_BODY);
        }
        if (method != PathItem.HttpMethod.GET && secured) {
            codes.add(ProblemCode.CROSS_ORIGIN);
            codes.add(ProblemCode.CONFLICT);
            codes.add(ProblemCode.RATE_LIMITED);
        }
        codes.addAll(ownProblems(operation));
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        // The framework's own guesses (a bare 401 and 403 for a secured operation) give way to the problems.
        new ArrayList<>(responses.getAPIResponses().keySet()).stream()
                .filter(status -> status.startsWith("4") || status.startsWith("5"))
                .forEach(responses::removeAPIResponse);
        Map<Integer, List<ProblemCode>> byStatus = codes.stream()
                .collect(Collectors.groupingBy(ProblemCode::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, ofStatus) -> responses.addAPIResponse(String.valueOf(status), response(ofStatus)));
    }

    /**
     * Lets an enumeration's fields be null: the views write an absent value as {@code null} (a task without a
     * milestone roll-up, an approver who has not decided), and a generated client that takes the enumeration's
     * values for the only ones would refuse those answers.
     */
    private static void mayBeNull(Schema schema) {
        if (schema.getEnumeration() != null && schema.getAnyOf() == null) {
            Schema values = OASFactory.createSchema().type(schema.getType()).enumeration(schema.getEnumeration());
            schema.setEnumeration(null);
            schema.setType(null);
            schema.anyOf(List.of(values, OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
        }
    }

    /** The codes the operation's method names in {@link #PROBLEMS}, which then leaves the document. */
    private static Set<ProblemCode> ownProblems(Operation operation) {
        Object value = operation.getExtensions() == null ? null : operation.getExtensions().get(PROBLEMS);
        if (value == null) {
            return Set.of();
        }
        operation.removeExtension(PROBLEMS);
        Set<ProblemCode> codes = EnumSet.noneOf(ProblemCode.class);
        for (String code : value.toString().trim().split("\\s+")) {
            codes.add(Arrays.stream(ProblemCode.values()).filter(known -> known.code().equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Unknown problem code '" + code + "' in "
                            + PROBLEMS + " of " + operation.getOperationId())));
        }
        return codes;
    }

    private static APIResponse response(List<ProblemCode> codes) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ProblemCode code : codes) {
            examples.put(code.code(), OASFactory.createExample()
                    .summary(code.title(Language.EN))
                    .value(example(code)));
        }
        MediaType media = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))
                .examples(examples);
        String description = codes.stream().map(code -> "`" + code.code() + "`: " + code.title(Language.EN))
                .collect(Collectors.joining("; "));
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media));
    }

    /** The body the problem answers with, as a client receives it in English. */
    private static Map<String, Object> example(ProblemCode code) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:dealroom:problem:" + code.code());
        example.put("title", code.title(Language.EN));
        example.put("status", code.status());
        example.put("code", code.code());
        if (code == ProblemCode.VALIDATION_FAILED) {
            example.put("errors", List.of(Map.of("field", "name", "code", "required",
                    "message", "must not be blank")));
        }
        return example;
    }

    /** {@code postCreate} for {@code PostResource_create}: the resource's feature, then the method. */
    static String operationId(Operation operation) {
        String id = operation.getOperationId();
        if (id == null || !id.contains("_")) {
            return id;
        }
        String type = id.substring(0, id.indexOf('_')).replaceFirst("Resource$", "");
        String method = id.substring(id.indexOf('_') + 1);
        return type.substring(0, 1).toLowerCase(Locale.ROOT) + type.substring(1)
                + method.substring(0, 1).toUpperCase(Locale.ROOT) + method.substring(1);
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem (application/problem+json). Branch on `code`, which never changes "
                        + "with the language; `title`, `detail` and the field messages are in the reader's language.")
                .addProperty("type", string("urn:dealroom:problem:<code>"))
                .addProperty("title", string("A short sentence for people, in the reader's language"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status"))
                .addProperty("detail", string("What happened in this case, for people (absent when the title says "
                        + "it all)"))
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The machine-readable code")
                        .enumeration(Arrays.stream(ProblemCode.values()).map(ProblemCode::code)
                                .map(Object.class::cast).toList()))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("The invalid fields (validation-failed only)")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR_SCHEMA)))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field's path in the body or the query: `name`, `groups[1]`"))
                .addProperty("code", string("`required`, `too-long`, `invalid-value`, `unknown-field`…"))
                .addProperty("message", string("A sentence for people"))
                .required(List.of("field", "code", "message"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}

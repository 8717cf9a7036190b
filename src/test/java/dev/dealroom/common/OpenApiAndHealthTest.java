package dev.dealroom.common;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.error.Problem;
import dev.dealroom.common.error.ProblemDocumentation;
import dev.dealroom.task.TaskStatusDocumentation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OpenApiAndHealthTest {

    /** Operations that take no request body by design. */
    private static final Set<String> BODILESS = Set.of("POST /api/rooms/{roomId}/live-tickets",
            "POST /api/rooms/{roomId}/groups/{groupId}/signoffs/{signoffId}/withdraw",
            "POST /api/rooms/{roomId}/members/{memberId}/invitations",
            "POST /api/rooms/{roomId}/colleague-requests/{requestId}/withdraw",
            "POST /api/rooms/{roomId}/visits",
            "POST /api/rooms/{roomId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver");

    @Test
    void everyOperationDocumentsItsRequestAndResponseSchemas() {
        JsonPath openapi = RestAssured.get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
        assertFalse(paths.isEmpty());
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String name = method.toUpperCase() + " " + path;
            if ((method.equals("post") || method.equals("patch")) && !BODILESS.contains(name)) {
                assertNotNull(schemaOf(operation.get("requestBody")), name + " documents its request body");
            }
            if (!method.equals("delete")) {
                Map<?, ?> responses = (Map<?, ?>) operation.get("responses");
                Object success = responses.entrySet().stream()
                        .filter(entry -> entry.getKey().toString().startsWith("2"))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                assertNotNull(schemaOf(success), name + " documents its response body");
            }
            assertTrue(operation.containsKey("security") || openapi.get("security") != null,
                    name + " declares its bearer-token security");
        }));
        RestAssured.get("/q/openapi?format=json").then()
                .body("components.schemas.RoomView.properties.groups", notNullValue())
                .body("components.schemas.AddMemberRequest.required", hasItem("email"))
                .body("components.schemas.TaskStatus.description", containsString(TaskStatusDocumentation.moves()));
    }

    /**
     * Every problem an operation documents is a problem body with an example per code, each of the response's status,
     * and every operation has its own name: what a generated client needs to handle each answer.
     */
    @Test
    void everyOperationDocumentsItsProblemsWithExamplesAndHasAUniqueName() {
        JsonPath openapi = RestAssured.get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
        Set<String> names = new java.util.HashSet<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String name = method.toUpperCase() + " " + path;
            assertTrue(operation.get("operationId") instanceof String id && names.add(id),
                    name + " has an operationId of its own: " + operation.get("operationId"));
            assertFalse(operation.containsKey(ProblemDocumentation.PROBLEMS), name + " keeps no x-problems");
            Map<?, ?> responses = (Map<?, ?>) operation.get("responses");
            boolean open = operation.get("security") instanceof List<?> security && security.isEmpty();
            assertTrue(responses.containsKey("401") || open, name + " documents 401");
            if (path.contains("{")) {
                assertTrue(responses.containsKey("404"), name + " documents 404");
            }
            responses.forEach((status, response) -> {
                if (!status.toString().startsWith("4")) {
                    return;
                }
                Map<?, ?> media = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) response).get("content"))
                        .get(Problem.MEDIA_TYPE);
                assertNotNull(media, name + " " + status + " answers a problem");
                assertEquals("#/components/schemas/Problem", ((Map<?, ?>) media.get("schema")).get("$ref"));
                Map<?, ?> examples = (Map<?, ?>) media.get("examples");
                assertFalse(examples == null || examples.isEmpty(), name + " " + status + " has examples");
                examples.forEach((code, example) -> {
                    Map<?, ?> value = (Map<?, ?>) ((Map<?, ?>) example).get("value");
                    assertEquals(code, value.get("code"));
                    assertEquals(Integer.parseInt(status.toString()), value.get("status"), name + " " + code);
                });
            });
        }));
        RestAssured.get("/q/openapi?format=json").then()
                .body("paths.'/api/rooms/{roomId}/groups/{groupId}/tasks/{taskId}'.patch.responses.'409'.content"
                        + ".'application/problem+json'.examples.keySet()",
                        org.hamcrest.Matchers.hasItems("invalid-transition", "room-closed", "conflict"))
                .body("paths.'/api/rooms/{roomId}/groups/{groupId}/posts'.post.responses.'201'.content"
                        + ".'application/json'.schema.'$ref'", equalTo("#/components/schemas/PostView"));
    }

    @Test
    void healthIncludesTheDatabase() {
        RestAssured.get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    private static Object schemaOf(Object bodyOrResponse) {
        if (!(bodyOrResponse instanceof Map<?, ?> body) || !(body.get("content") instanceof Map<?, ?> content)) {
            return null;
        }
        return content.values().stream()
                .map(media -> ((Map<?, ?>) media).get("schema"))
                .filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }
}

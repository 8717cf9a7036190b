package dev.dealroom.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.RestAssured;

/**
 * Checks requests and answers against the server's own API document ({@code /q/openapi}): an undocumented status, a
 * body of another shape or a missing problem field fails the call that made it.
 */
public final class ApiContract {

    private static OpenApiValidationFilter filter;

    private ApiContract() {
    }

    /** The RestAssured filter, reading the document of the running test server once. */
    public static synchronized OpenApiValidationFilter filter() {
        if (filter == null) {
            String document = RestAssured.get("/q/openapi?format=json").then().statusCode(200).extract().asString();
            // Only the answers are checked: the tests' requests are theirs to shape (a multipart body, a missing
            // token), and what the server makes of a request is what the answer shows.
            filter = new OpenApiValidationFilter(OpenApiInteractionValidator.createForInlineApiSpecification(document)
                    .withLevelResolver(LevelResolver.create().withLevel("validation.request", Level.IGNORE).build())
                    .build());
        }
        return filter;
    }
}

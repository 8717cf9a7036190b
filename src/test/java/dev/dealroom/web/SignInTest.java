package dev.dealroom.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The web page's sign-in, seen from HTTP: the code flow starts at /login, and cookies cannot be ridden cross-site. */
@QuarkusTest
class SignInTest {

    @Test
    void loginSendsABrowserToTheProvidersAuthorizationEndpoint() {
        given().redirects().follow(false).accept("text/html")
                .get("/login")
                .then().statusCode(302)
                .header("Location", containsString("/auth/realms/quarkus?"))
                .header("Location", containsString("response_type=code"))
                .header("Location", containsString("client_id=deal-room"))
                .header("Location", containsString("code_challenge_method=S256"))
                .header("Location", containsString("redirect_uri=http%3A%2F%2Flocalhost%3A8081%2Flogin"));
    }

    @Test
    void theApiStillAnswersAnonymousCallsWithAProblemNotARedirect() {
        // what a browser sends when someone opens an API address in a tab
        given().redirects().follow(false).accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/api/rooms")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void thePageIsServedAtTheRoot() {
        given().get("/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<script type=\"module\" src=\"/src/app.js\"></script>"));
    }

    @Test
    void meNamesTheSignedInPerson() {
        Person person = Person.random("buyer");
        person.api().get("/api/me").then().statusCode(200)
                .body("name", equalTo(person.name()))
                .body("email", equalTo(person.email()))
                .body("emailVerified", equalTo(true));
        Person unverified = Person.random("buyer").unverified();
        unverified.api().get("/api/me").then().statusCode(200)
                .body("email", nullValue())
                .body("emailVerified", equalTo(false));
    }

    @Test
    void aStateChangingRequestFromAnotherSiteIsRefusedUnlessItCarriesABearerToken() {
        Map<String, String> room = Map.of("name", "Cross-site", "prospectAccount", "Evil", "targetDecisionDate",
                "2027-01-01");
        given().contentType(ContentType.JSON).header("Origin", "https://evil.example").body(room)
                .post("/api/rooms")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("cross-origin"));
        Person.random("seller").api().header("Origin", "https://evil.example").body(room)
                .post("/api/rooms")
                .then().statusCode(201);
        Person.random("seller").api().header("Origin", "http://localhost:8081").body(room)
                .post("/api/rooms")
                .then().statusCode(201);
    }
}

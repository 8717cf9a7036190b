package dev.dealroom.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.Person;
import dev.dealroom.support.TestSignInPage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The web page's sign-in, seen from HTTP: the code flow starts at /login, also over a session that has ended, and
 * cookies cannot be ridden cross-site.
 */
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
    void signInStartsAFreshCodeFlowOnceTheSessionHasEnded() throws InterruptedException {
        Person person = Person.random("buyer");
        Instant sessionEnds = Instant.now().plusSeconds(3);
        Map<String, String> session = signIn(person, sessionEnds);
        given().cookies(session).get("/api/me").then().statusCode(200).body("email", equalTo(person.email()));

        Thread.sleep(Duration.between(Instant.now(), sessionEnds).toMillis() + 1500);
        // the page's calls get a problem, and its Sign in button leads to the provider at once
        given().cookies(session).accept("application/json").get("/api/me")
                .then().statusCode(401).body("code", equalTo("unauthenticated"));
        Response restart = given().redirects().follow(false).accept("text/html").cookies(session).get("/login");
        restart.then().statusCode(302)
                .header("Location", containsString("/auth/realms/quarkus?"))
                .header("Location", containsString("response_type=code"));
        // the ended session's cookie goes, so that the provider's answer completes the new sign-in
        assertThat(restart.headers().getValues("Set-Cookie"), hasItem(startsWith("q_session=;")));
    }

    @Test
    void signInStartsAFreshCodeFlowOverAnUnreadableSessionCookie() {
        given().redirects().follow(false).accept("text/html").cookie("q_session", "not-a-session")
                .get("/login")
                .then().statusCode(302)
                .header("Location", containsString("/auth/realms/quarkus?"))
                .header("Location", containsString("response_type=code"));
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

    /** The authorization code flow as a browser runs it through the test provider's sign-in page: the session cookies. */
    private static Map<String, String> signIn(Person person, Instant sessionEnds) {
        TestSignInPage.allow(person, sessionEnds);
        Response toProvider = given().redirects().follow(false).accept("text/html").get("/login");
        toProvider.then().statusCode(302);
        String state = URLDecoder.decode(toProvider.header("Location").replaceAll(".*[?&]state=([^&]*).*", "$1"),
                StandardCharsets.UTF_8);
        Response back = given().redirects().follow(false).accept("text/html").cookies(toProvider.cookies())
                .queryParam("state", state).queryParam("code", person.email())
                .get("/login");
        back.then().statusCode(302);
        Map<String, String> session = new HashMap<>(back.cookies());
        session.entrySet().removeIf(cookie -> cookie.getValue().isEmpty());
        return session;
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

package dev.dealroom.common;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every API answer, successful or not, carries the security headers; deal data is never cached. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void apiAnswersCarryTheSecurityHeaders() {
        DealRoomFixture room = new DealRoomFixture();
        for (var response : List.of(
                room.owner.api().get("/api/rooms/{r}", room.roomId),
                RestAssured.get("/api/rooms"),
                room.stranger.api().get("/api/rooms/{r}", room.roomId))) {
            response.then()
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("Cache-Control", equalTo("no-store"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
    }

    @Test
    void theSwaggerUiKeepsItsInlineScripts() {
        RestAssured.get("/q/swagger-ui/").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }
}

package dev.dealroom.room;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The room's settings: amount, currency, seller's name, welcome message, accent colour and logos (issue 15). */
@QuarkusTest
class RoomSettingsTest {

    /** The smallest PNG there is: a 1×1 transparent pixel. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    @Test
    void managersSetTheNewFieldsAndEveryMemberGetsThemInTheRoomAndItsEvent() {
        DealRoomFixture room = new DealRoomFixture();
        long before = room.seq();
        room.decisionMaker.api().body(Map.of("amount", 125000.5, "currency", "USD",
                "welcomeMessage", "Welcome, Northwind!\nEverything is here.", "accentColor", "#0B4F6C"))
                .patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(200)
                .body("room.amount", equalTo(125000.5f))
                .body("room.currency", equalTo("USD"))
                .body("room.welcomeMessage", equalTo("Welcome, Northwind!\nEverything is here."))
                .body("room.accentColor", equalTo("#0b4f6c"));
        room.owner.api().body(Map.of("sellerName", "Acme Analytics")).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(200).body("room.sellerName", equalTo("Acme Analytics"));

        room.outsider.api().get("/api/rooms/{r}", room.roomId).then().statusCode(200)
                .body("room.welcomeMessage", equalTo("Welcome, Northwind!\nEverything is here."))
                .body("room.sellerName", equalTo("Acme Analytics"))
                .body("room.accentColor", equalTo("#0b4f6c"));
        room.groupMember.api().get("/api/rooms/{r}/events?since={s}", room.roomId, before).then().statusCode(200)
                .body("events.type", equalTo(java.util.List.of("room.updated", "room.updated")))
                .body("events[0].data.welcomeMessage", equalTo("Welcome, Northwind!\nEverything is here."))
                .body("events[0].data.accentColor", equalTo("#0b4f6c"))
                .body("events[0].data.amount", equalTo(125000.5f))
                .body("events[1].data.sellerName", equalTo("Acme Analytics"));

        // the same values again change nothing and record nothing; an empty text clears
        long seq = room.seq();
        room.decisionMaker.api().body(Map.of("welcomeMessage", "Welcome, Northwind!\nEverything is here."))
                .patch("/api/rooms/{r}", room.roomId).then().statusCode(200).body("seq", equalTo((int) seq));
        room.decisionMaker.api().body(Map.of("welcomeMessage", " ", "accentColor", ""))
                .patch("/api/rooms/{r}", room.roomId).then().statusCode(200)
                .body("room.welcomeMessage", nullValue())
                .body("room.accentColor", nullValue())
                .body("room.amount", equalTo(125000.5f));
    }

    @Test
    void badValuesAreRefusedWithTheirFieldAndChangeNothing() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        refused(room.owner, room.roomId, Map.of("accentColor", "#fde68a"), "accentColor", "low-contrast"); // pale yellow
        refused(room.owner, room.roomId, Map.of("accentColor", "blue"), "accentColor", "invalid-format");
        refused(room.owner, room.roomId, Map.of("accentColor", "#12345"), "accentColor", "invalid-format");
        refused(room.owner, room.roomId, Map.of("amount", 1000), "currency", "required"); // the room has no currency yet
        refused(room.owner, room.roomId, Map.of("amount", -1, "currency", "EUR"), "amount", null);
        refused(room.owner, room.roomId, Map.of("currency", "euro"), "currency", "invalid-format");
        refused(room.owner, room.roomId, Map.of("welcomeMessage", "x".repeat(4001)), "welcomeMessage", null);
        refused(room.owner, room.roomId, Map.of("welcomeMessage", "bell \u0007"), "welcomeMessage", "invalid-format");
        refused(room.owner, room.roomId, Map.of("sellerName", "two\nlines"), "sellerName", "invalid-format");
        refused(room.owner, room.roomId, Map.of("sellerName", "\u200b"), "sellerName", "required");
        room.owner.api().get("/api/rooms/{r}", room.roomId).then().body("seq", equalTo((int) seq))
                .body("room.accentColor", nullValue()).body("room.amount", nullValue());
    }

    @Test
    void whoMayChangeWhat() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of("welcomeMessage", "Hi")).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        room.stranger.api().body(Map.of("welcomeMessage", "Hi")).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(404);
        // the seller's name and logo are the owner's; the buyer's logo is the managers'
        room.decisionMaker.api().body(Map.of("sellerName", "Not us")).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        upload(room.decisionMaker.api(), room.roomId, "seller", "logo.png", PNG).then().statusCode(403);
        upload(room.groupMember.api(), room.roomId, "buyer", "logo.png", PNG).then().statusCode(403);
        upload(room.decisionMaker.api(), room.roomId, "buyer", "logo.png", PNG).then().statusCode(200);
    }

    @Test
    void aLogoIsStoredAsItsBytesShowAndServedToMembersOnly() {
        DealRoomFixture room = new DealRoomFixture();
        String path = upload(room.owner.api(), room.roomId, "buyer", "northwind.png", PNG).then().statusCode(200)
                .body("room.buyerLogo", startsWith("/api/rooms/" + room.roomId + "/logos/buyer?v="))
                .body("room.sellerLogo", nullValue())
                .extract().path("room.buyerLogo");
        byte[] served = room.outsider.api().get(path).then().statusCode(200)
                .contentType("image/png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox"))
                .extract().asByteArray();
        assertArrayEquals(PNG, served);
        room.stranger.api().get(path).then().statusCode(404).body("code", equalTo("not-found"));
        room.outsider.api().get("/api/rooms/{r}/logos/seller", room.roomId).then().statusCode(404);
        room.outsider.api().get("/api/rooms/{r}/logos/nobody", room.roomId).then().statusCode(404);

        long seq = room.seq();
        room.groupMember.api().get("/api/rooms/{r}/events?since={s}", room.roomId, seq - 1).then()
                .body("events[0].type", equalTo("room.updated"))
                .body("events[0].data.buyerLogo", equalTo(path));

        room.owner.api().delete("/api/rooms/{r}/logos/buyer", room.roomId).then().statusCode(200)
                .body("room.buyerLogo", nullValue());
        room.outsider.api().get(path).then().statusCode(404);
    }

    @Test
    void onlyPngJpegAndWebpUnder256KbAreLogos() {
        DealRoomFixture room = new DealRoomFixture();
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        upload(room.owner.api(), room.roomId, "buyer", "logo.svg", svg).then().statusCode(400)
                .body("errors.code", hasItem("type-not-allowed"));
        // a name and a declared type do not make text an image
        room.owner.api().contentType("multipart/form-data").multiPart("file", "logo.png", svg, "image/png")
                .put("/api/rooms/{r}/logos/buyer", room.roomId).then().statusCode(400)
                .body("errors.code", hasItem("type-not-allowed"));
        byte[] big = Arrays.copyOf(PNG, 256 * 1024 + 1);
        upload(room.owner.api(), room.roomId, "buyer", "big.png", big).then().statusCode(400)
                .body("errors.code", hasItem("too-large"));
        byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F' };
        upload(room.owner.api(), room.roomId, "seller", "logo.jpg", jpeg).then().statusCode(200);
        room.owner.api().get("/api/rooms/{r}/logos/seller", room.roomId).then().statusCode(200)
                .contentType("image/jpeg");
        room.owner.api().get("/api/rooms/{r}", room.roomId).then().body("room.buyerLogo", nullValue());
    }

    private static void refused(Person who, String roomId, Map<String, Object> body, String field, String fieldCode) {
        var then = who.api().body(body).patch("/api/rooms/{r}", roomId).then();
        then.statusCode(400).body("code", equalTo("validation-failed")).body("errors.field", hasItem(field));
        if (fieldCode != null) {
            then.body("errors.findAll { it.field == '%s' }.code".formatted(field), hasItem(fieldCode));
        }
    }

    private static io.restassured.response.Response upload(RequestSpecification api, String roomId, String side,
            String name, byte[] bytes) {
        return api.contentType("multipart/form-data").multiPart("file", name, bytes, "application/octet-stream")
                .put("/api/rooms/{r}/logos/{s}", roomId, side);
    }
}

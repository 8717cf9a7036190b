package dev.dealroom.calendar;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.dealroom.calendar.StrictIcs.Component;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The secret calendar feed: strict iCalendar, the milestones of my groups and my dated tasks, nothing of a group I am
 * not in, and an address that stops working when it is revoked or replaced.
 */
@QuarkusTest
class CalendarTest {

    private static final String PUBLIC_URL = ConfigProvider.getConfig().getValue("dealroom.public-url", String.class);
    private static final String TRICKY = "Proof, phase 1; scope \\ review";
    private static final String TRICKY_DESCRIPTION = "First line, with a comma;\nsecond line \\ done";
    /** Long enough to fold more than once, with two-, three- and four-octet characters around the folds. */
    private static final String FRENCH = "Réunion de validation de l’étude de faisabilité technique avec l’équipe "
            + "d’ingénierie — « éléments clés » à préparer 🎯 pour le comité de décision de Montréal";

    @Test
    void theFeedHoldsMyMilestonesAndMyDatedTasksInStrictICalendar() {
        DealRoomFixture room = new DealRoomFixture();
        LocalDate today = LocalDate.now();
        String milestone = task(room.owner, room, "proof", Map.of("title", TRICKY, "ownerId", room.decisionMakerId,
                "milestone", true, "dueDate", today.plusDays(20).toString(), "description", TRICKY_DESCRIPTION));
        String mine = task(room.owner, room, "proof", Map.of("title", FRENCH, "ownerId", room.groupMemberId,
                "dueDate", today.plusDays(3).toString()));
        String done = task(room.owner, room, "proof", Map.of("title", "Sign the NDA", "ownerId", room.groupMemberId,
                "dueDate", today.minusDays(5).toString()));
        room.owner.api().body(Map.of("status", "DONE")).patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId,
                done).then().statusCode(200);
        task(room.owner, room, "proof", Map.of("title", "Undated", "ownerId", room.groupMemberId));
        task(room.owner, room, "proof", Map.of("title", "Someone else's", "ownerId", room.decisionMakerId,
                "dueDate", today.plusDays(1).toString()));
        task(room.owner, room, "contracts", Map.of("title", "Contracts milestone", "ownerId", room.outsiderId,
                "milestone", true, "dueDate", today.plusDays(2).toString()));

        String url = create(room.groupMember);
        Response response = RestAssured.given().get(url);
        response.then().statusCode(200)
                .header("Content-Type", equalTo("text/calendar; charset=utf-8"))
                .header("Cache-Control", equalTo("private, max-age=300"));
        assertEquals(List.of("private, max-age=300"), response.headers().getValues("Cache-Control"),
                "the API's no-store does not override the feed's own caching");
        StrictIcs reader = new StrictIcs();
        Component calendar = reader.read(response.asByteArray());

        assertEquals("2.0", calendar.value("VERSION"));
        assertEquals("GREGORIAN", calendar.value("CALSCALE"));
        assertTrue(calendar.value("PRODID").contains("Deal Room"));
        assertEquals("Deal Room: my dates", calendar.text("X-WR-CALNAME"));
        Map<String, Component> events = byUid(calendar);
        assertEquals(Set.of(milestone + "@deal-room", mine + "@deal-room", done + "@deal-room"), events.keySet(),
                "the milestone of my group and my dated tasks; no undated task, nobody else's, nothing of contracts");

        Component tricky = events.get(milestone + "@deal-room");
        assertEquals("Milestone: " + TRICKY, tricky.text("SUMMARY"));
        String description = tricky.text("DESCRIPTION");
        assertTrue(description.startsWith(TRICKY_DESCRIPTION + "\n\n"), description);
        String link = PUBLIC_URL + "/#/rooms/" + room.roomId + "/groups/" + room.proofId + "/plan";
        assertTrue(description.endsWith("Proof of concept, in Fixture room\n" + link), description);
        assertEquals(link, tricky.value("URL"));
        assertEquals(Map.of("VALUE", "DATE"), tricky.property("DTSTART").parameters());
        assertEquals(day(today.plusDays(20)), tricky.value("DTSTART"));
        assertEquals(Map.of("VALUE", "DATE"), tricky.property("DTEND").parameters());
        assertEquals(day(today.plusDays(21)), tricky.value("DTEND"), "an all-day event ends the next day");
        assertTrue(tricky.value("DTSTAMP").matches("\\d{8}T\\d{6}Z"), tricky.value("DTSTAMP"));

        Component french = events.get(mine + "@deal-room");
        assertEquals(FRENCH, french.text("SUMMARY"), "folded and unfolded, escaped and unescaped, unchanged");
        int summary = reader.physicalLines.indexOf(reader.physicalLines.stream()
                .filter(line -> line.startsWith("SUMMARY:Réunion")).findFirst().orElseThrow());
        assertTrue(reader.physicalLines.get(summary + 1).startsWith(" ")
                && reader.physicalLines.get(summary + 2).startsWith(" "), "the long title was folded twice at least");
        assertEquals("Sign the NDA (done)", events.get(done + "@deal-room").text("SUMMARY"));
    }

    @Test
    void leavingAGroupTakesItsMilestonesOutOfMyFeedAndLeavingTheRoomEmptiesIt() {
        DealRoomFixture room = new DealRoomFixture();
        String milestone = task(room.owner, room, "proof", Map.of("title", "Pilot review", "ownerId",
                room.decisionMakerId, "milestone", true, "dueDate", LocalDate.now().plusDays(7).toString()));
        String url = create(room.groupMember);
        assertEquals(Set.of(milestone + "@deal-room"), byUid(feed(url)).keySet());

        room.owner.api().delete("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, room.groupMemberId).then()
                .statusCode(204);
        assertEquals(Set.of(), byUid(feed(url)).keySet(), "a milestone of a group I left is not mine to see");

        room.owner.api().put("/api/rooms/{r}/groups/proof/members/{m}", room.roomId,
                room.groupMemberId).then().statusCode(200);
        assertEquals(Set.of(milestone + "@deal-room"), byUid(feed(url)).keySet(),
                "back in the group, back in the feed");
        room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, room.groupMemberId).then().statusCode(204);
        assertEquals(Set.of(), byUid(feed(url)).keySet(), "removed from the room, nothing of it");
    }

    @Test
    void aNewAddressReplacesTheOldOneAndARevokedOneAnswersAsOneThatNeverExisted() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().get("/api/me/calendar").then().statusCode(200)
                .body("active", equalTo(false)).body("url", nullValue());
        String first = create(room.groupMember);
        String second = create(room.groupMember);
        assertFalse(first.equals(second));
        room.groupMember.api().get("/api/me/calendar").then().statusCode(200)
                .body("active", equalTo(true)).body("url", nullValue());
        RestAssured.given().get(first).then().statusCode(404).body("code", equalTo("not-found"))
                .header("Cache-Control", equalTo("no-store"));
        RestAssured.given().get(second).then().statusCode(200);

        room.groupMember.api().delete("/api/me/calendar").then().statusCode(204);
        Response revoked = RestAssured.given().get(second);
        String unknown = second.replaceAll("/[A-Za-z0-9_-]{43}\\.ics$", "/" + "A".repeat(43) + ".ics");
        Response neverExisted = RestAssured.given().get(unknown);
        revoked.then().statusCode(404);
        assertEquals(neverExisted.statusCode(), revoked.statusCode());
        assertEquals(neverExisted.contentType(), revoked.contentType());
        assertEquals(neverExisted.jsonPath().getString("code"), revoked.jsonPath().getString("code"));
        assertEquals(neverExisted.jsonPath().getString("title"), revoked.jsonPath().getString("title"));
        RestAssured.given().get("/api/calendar/short.ics").then().statusCode(404).body("code", equalTo("not-found"));
        room.groupMember.api().get("/api/me/calendar").then().body("active", equalTo(false));
        room.groupMember.api().delete("/api/me/calendar").then().statusCode(204);
    }

    @Test
    void theAddressHoldsAtLeast128RandomBitsAndIsMadeForVerifiedEmailsOnly() {
        Person person = Person.random("subscriber");
        String url = create(person);
        assertTrue(url.matches(Pattern.quote(PUBLIC_URL) + "/api/calendar/[A-Za-z0-9_-]{43}\\.ics"), url);
        assertEquals(Set.of(), byUid(feed(url)).keySet(), "no rooms yet: an empty calendar");
        person.unverified().api().put("/api/me/calendar").then().statusCode(403)
                .body("code", equalTo("email-not-verified"));
    }

    @Test
    void theFeedSpeaksTheLanguageIChose() {
        DealRoomFixture room = new DealRoomFixture();
        task(room.owner, room, "proof", Map.of("title", "Revue du pilote", "ownerId", room.decisionMakerId,
                "milestone", true, "dueDate", LocalDate.now().plusDays(4).toString()));
        room.groupMember.api().body(Map.of("language", "fr")).put("/api/me/language").then().statusCode(200);
        Component calendar = feed(create(room.groupMember));
        assertEquals("Deal Room\u202f: mes échéances", calendar.text("X-WR-CALNAME"));
        Component event = calendar.all("VEVENT").get(0);
        assertEquals("Jalon\u202f: Revue du pilote", event.text("SUMMARY"));
        assertTrue(event.text("DESCRIPTION").contains("Preuve de concept, dans Fixture room"));
    }

    private static String create(Person person) {
        return person.api().put("/api/me/calendar").then().statusCode(200)
                .body("active", equalTo(true))
                .body("url", matchesPattern(Pattern.quote(PUBLIC_URL) + "/api/calendar/[A-Za-z0-9_-]{43}\\.ics"))
                .extract().path("url");
    }

    private static Component feed(String url) {
        return new StrictIcs().read(RestAssured.given().get(url).then().statusCode(200).extract().asByteArray());
    }

    private static Map<String, Component> byUid(Component calendar) {
        Map<String, Component> events = new HashMap<>();
        calendar.all("VEVENT").forEach(event -> events.put(event.text("UID"), event));
        return events;
    }

    private static String day(LocalDate date) {
        return date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static String task(Person by, DealRoomFixture room, String group, Map<String, Object> body) {
        return by.api().body(body).post("/api/rooms/{r}/groups/{g}/tasks", room.roomId, group).then().statusCode(201)
                .extract().path("id");
    }
}

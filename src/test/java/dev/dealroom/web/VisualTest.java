package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;

import dev.dealroom.support.Accessibility;
import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Layout;
import dev.dealroom.support.Untranslated;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every screen, in English and French, on a desktop and on a 360-px phone, in light and dark: no serious or
 * critical accessibility violation (axe-core), nothing wider than the screen, and a screenshot of each in
 * {@code target/screenshots/visual/} to look at. A new screen is one line in {@link #SCREENS}.
 */
@QuarkusTest
class VisualTest extends BrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "visual");

    /**
     * A screen: its name (for reports and screenshot files), its address in the story's room, and an element that is
     * there once it has loaded.
     */
    record Screen(String name, Function<DealRoomFixture, String> address, String loaded) {
    }

    /** The screens of the page, as the room's owner sees them. */
    private static final List<Screen> SCREENS = List.of(
            new Screen("home", room -> "/#/", ".room-card"),
            new Screen("room", room -> room(room, ""), ".room-main h1"),
            new Screen("people", room -> room(room, "/people"), ".room-main h1"),
            new Screen("discussion", room -> room(room, "/groups/" + room.proofId + "/discussion"), ".thread .post"),
            new Screen("plan", room -> room(room, "/groups/" + room.proofId + "/plan"), ".task"),
            new Screen("signoffs", room -> room(room, "/groups/" + room.proofId + "/signoffs"), ".tab-panel h2, .tab-panel form"),
            new Screen("documents", room -> room(room, "/groups/" + room.proofId + "/documents"), ".tab-panel form"),
            new Screen("members", room -> room(room, "/groups/" + room.proofId + "/members"), ".tab-panel .member"),
            new Screen("coordination", room -> room(room, "/coordination"), ".stakeholders tbody tr"),
            new Screen("emails", room -> room(room, "/settings"), ".room-main form"));

    private static final List<Screen> BUYER_SCREENS = List.of(
            new Screen("home", room -> "/#/", "main h1"),
            new Screen("room", room -> room(room, ""), ".room-main h1"),
            new Screen("plan", room -> room(room, "/groups/" + room.proofId + "/plan"), ".task"),
            new Screen("discussion", room -> room(room, "/groups/" + room.proofId + "/discussion"), ".thread .post"));

    private static DealRoomFixture story;

    @BeforeEach
    void tellTheStory() {
        if (story == null) {
            story = new DealRoomFixture();
            Stories.tell(story);
        }
    }

    @AfterAll
    static void forgetTheStory() {
        story = null;
    }

    @ParameterizedTest(name = "{0}, {1} px, {2}")
    @CsvSource({
            "en-US, 1280, LIGHT", "en-US, 1280, DARK", "en-US, 360, LIGHT", "en-US, 360, DARK",
            "fr-FR, 1280, LIGHT", "fr-FR, 1280, DARK", "fr-FR, 360, LIGHT", "fr-FR, 360, DARK" })
    void everyScreenIsAccessibleFitsTheScreenAndIsPhotographed(String locale, int width, ColorScheme scheme)
            throws IOException {
        Page page = browsers.signIn(story.owner, locale, width, width > 600 ? 860 : 780);
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
        Files.createDirectories(SCREENSHOTS);
        List<String> problems = new ArrayList<>();
        String variant = locale.substring(0, 2) + "-" + (width > 600 ? "desktop" : "phone") + "-" + scheme.name().toLowerCase();
        for (Screen screen : SCREENS) {
            problems.addAll(look(page, screen, variant));
        }
        page.context().close();
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    /** What a buyer in {@code proof} sees first: their home (what they owe), the room's home, their group. */
    @ParameterizedTest(name = "buyer, {0}, {1} px")
    @CsvSource({ "en-US, 1280", "en-US, 360", "fr-FR, 1280", "fr-FR, 360" })
    void theBuyersScreensAreAccessibleFitAndAreInTheirLanguage(String locale, int width) throws IOException {
        Page page = browsers.signIn(story.groupMember, locale, width, width > 600 ? 860 : 780);
        Files.createDirectories(SCREENSHOTS);
        List<String> problems = new ArrayList<>();
        String variant = locale.substring(0, 2) + "-" + (width > 600 ? "desktop" : "phone") + "-buyer";
        for (Screen screen : BUYER_SCREENS) {
            problems.addAll(look(page, screen, variant));
        }
        page.context().close();
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    /** Shows {@code screen} and answers what is wrong with it: accessibility violations, what does not fit. */
    static List<String> look(Page page, Screen screen, String variant) throws IOException {
        page.navigate(screen.address().apply(story));
        if (screen.address().apply(story).contains("/rooms/")) {
            assertThat(page.locator("#banner[data-status=live]")).hasCount(1);
        }
        page.locator(screen.loaded()).first().waitFor();
        page.waitForTimeout(400); // what a screen loads after it shows (invitations, presence) settles
        page.evaluate("() => document.fonts.ready");
        String name = screen.name() + "-" + variant;
        List<String> problems = new ArrayList<>(Accessibility.seriousViolations(page, name));
        problems.addAll(Layout.problems(page, name));
        if (variant.startsWith("fr")) {
            problems.addAll(Untranslated.englishOn(page, name));
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        assertTrue(Files.size(file) > 5_000, name + " looks empty");
        return problems;
    }

    private static String room(DealRoomFixture room, String rest) {
        return "/#/rooms/" + room.roomId + rest;
    }

    /** Rooms with something to show on every screen. */
    static final class Stories {

        private Stories() {
        }

        /** Milestones (one late), a blocked task, a short discussion with an announcement, an open sign-off. */
        static void tell(DealRoomFixture room) {
            String base = "/api/rooms/{r}/groups/proof";
            String late = task(room, "Pilot data extract", room.groupMemberId, LocalDate.now().minusDays(3), true);
            task(room, "Pilot success review with the steering committee", room.decisionMakerId,
                    LocalDate.now().plusDays(20), true);
            String blocked = task(room, "VPN access for the pilot", room.groupMemberId, LocalDate.now().plusDays(2), false);
            task(room, "Security questionnaire", room.decisionMakerId, LocalDate.now().minusDays(1), false);
            room.owner.api().body(Map.of("status", "BLOCKED", "blockedReason", "Waiting for the security review"))
                    .patch(base + "/tasks/{t}", room.roomId, blocked).then().statusCode(200);
            room.groupMember.api().body(Map.of("status", "IN_PROGRESS")).patch(base + "/tasks/{t}", room.roomId, late)
                    .then().statusCode(200);
            post(room, room.owner, "Welcome! The pilot plan is in the Plan tab; shout if a date does not work.");
            post(room, room.groupMember, "Thanks. The data extract needs one more day, our export job failed.");
            post(room, room.decisionMaker, "Fine by me, as long as the review date holds.");
            room.owner.api().body(Map.of("title", "Proof of concept accepted", "description",
                    "The pilot met the success criteria agreed in the plan.", "approverIds",
                    List.of(room.decisionMakerId), "clientId", UUID.randomUUID().toString()))
                    .post(base + "/signoffs", room.roomId).then().statusCode(201);
        }

        private static String task(DealRoomFixture room, String title, String ownerId, LocalDate due, boolean milestone) {
            return room.owner.api().body(Map.of("title", title, "ownerId", ownerId, "dueDate", due.toString(),
                    "milestone", milestone)).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201)
                    .extract().path("id");
        }

        private static void post(DealRoomFixture room, dev.dealroom.support.Person by, String body) {
            by.api().body(Map.of("body", body, "clientId", UUID.randomUUID().toString()))
                    .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        }
    }
}

package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Home and the bell in a real Chromium: a buyer's "what I owe", the seller's sortable pipeline, nudges and
 * mentions reaching the bell live, in French and on a 360-px phone.
 */
@QuarkusTest
class HomePageTest extends BrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PROOF = "/api/rooms/{r}/groups/proof";
    @Test
    void aBuyersHomeShowsWhatTheyOweOverdueFirstAndLinksToEachPlace() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        String late = owe(room);

        Page buyer = browsers.signIn(room.groupMember);
        Locator tasks = buyer.locator(".owed-tasks .owed-item");
        assertThat(tasks).hasCount(2);
        assertThat(tasks.first()).hasAttribute("data-task-id", late);
        assertThat(tasks.first()).hasClass(Pattern.compile("overdue"));
        assertThat(tasks.first().locator(".status-overdue")).hasCount(1);
        assertThat(tasks.nth(1)).not().hasClass(Pattern.compile("overdue"));
        assertThat(buyer.locator(".owed-signoffs .owed-item")).hasCount(1);
        assertThat(buyer.locator(".owed-updates .owed-item")).hasCount(2);
        assertThat(buyer.locator(".owed-nudges .owed-item")).hasCount(1);
        // A buyer-only person sees their rooms plainly: no pipeline, no form to open a room.
        assertThat(buyer.locator(".pipeline-section")).hasCount(0);
        assertThat(buyer.locator(".my-rooms .room-card")).hasCount(1);
        assertThat(buyer.locator("#new-room")).hasCount(0);
        shoot(buyer, "home-buyer-desktop");

        tasks.first().getByRole(AriaRole.LINK).click();
        assertTrue(buyer.url().endsWith("/#/rooms/" + room.roomId + "/groups/" + room.proofId + "/plan"), buyer.url());
        assertThat(buyer.locator("#banner[data-status=live]")).hasCount(1);
    }

    @Test
    void theSellerSortsThePipelineAndTheSortIsKept() throws IOException {
        Person seller = Person.random("seller");
        String soonSmall = room(seller, "Soon and small", "2027-01-15", 10_000);
        String laterLarge = room(seller, "Later and large", "2027-06-30", 800_000);

        Page page = browsers.signIn(seller);
        Locator rows = page.locator(".pipeline .pipeline-row");
        assertThat(rows).hasCount(2);
        assertEquals(List.of(soonSmall, laterLarge), ids(rows));
        assertThat(page.locator("#new-room")).isHidden();

        page.getByLabel("Sort by").selectOption("amount");
        assertThat(page.locator(".pipeline[data-sort=amount-desc]")).hasCount(1);
        assertEquals(List.of(laterLarge, soonSmall), ids(rows));
        page.locator(".sort .order").click();
        assertThat(page.locator(".pipeline[data-sort=amount-asc]")).hasCount(1);
        assertEquals(List.of(soonSmall, laterLarge), ids(rows));
        page.getByLabel("Sort by").selectOption("lastBuyerActivity");
        assertThat(page.locator(".pipeline[data-sort=lastBuyerActivity-desc]")).hasCount(1);

        page.reload();
        assertThat(page.locator(".pipeline[data-sort=lastBuyerActivity-desc]")).hasCount(1);
        assertThat(page.getByLabel("Sort by")).hasValue("lastBuyerActivity");

        Locator open = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open a room"));
        assertThat(open).hasAttribute("aria-expanded", "false");
        open.click();
        assertThat(open).hasAttribute("aria-expanded", "true");
        assertThat(page.locator("#new-room")).isVisible();
        assertThat(page.getByLabel("Opportunity")).isFocused();
        shoot(page, "home-seller-desktop");
    }

    @Test
    void theSellersPipelineComesFiftyRoomsAtATimeAndShowMoreBringsTheRest() throws IOException {
        // 51 rooms: a login opens at most 50 a day, so a colleague opens the last one and adds the seller to it.
        Person seller = Person.random("seller");
        LocalDate first = LocalDate.of(2027, 1, 1);
        for (int i = 0; i < 50; i++) {
            room(seller, "Deal " + i, first.plusDays(i).toString(), 1_000 + i);
        }
        Person colleague = Person.random("seller");
        String latest = room(colleague, "Latest deal", first.plusDays(60).toString(), 5);
        colleague.api().body(Map.of("email", seller.email(), "name", seller.name(), "side", "SELLER"))
                .post("/api/rooms/{r}/members", latest).then().statusCode(201);
        List<String> byDate = seller.api().get("/api/pipeline?limit=200").then().statusCode(200)
                .extract().path("rooms.roomId");

        Page page = browsers.signIn(seller);
        Locator rows = page.locator(".pipeline .pipeline-row");
        Locator more = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show more rooms"));
        assertThat(rows).hasCount(50);
        assertThat(page.locator(".pipeline-count")).hasText("50 of 51 rooms shown");
        assertEquals(byDate.subList(0, 50), ids(rows));
        more.click();
        assertThat(rows).hasCount(51);
        assertEquals(byDate, ids(rows));
        assertThat(more).isHidden();
        assertThat(page.locator(".pipeline-count")).hasText(Pattern.compile("^$"));
        assertThat(rows.last().locator("a")).isFocused();

        // Another sort starts again from its first page.
        page.getByLabel("Sort by").selectOption("amount");
        assertThat(page.locator(".pipeline[data-sort=amount-desc]")).hasCount(1);
        assertThat(rows).hasCount(50);
        assertThat(rows.first()).hasAttribute("data-room-id", byDate.get(49));
        assertThat(more).isVisible();
        page.context().close();

        Page french = browsers.signIn(seller, "fr-FR", 360, 780);
        assertThat(french.locator(".pipeline-count")).hasText("50 salles affichées sur 51");
        assertThat(french.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Afficher plus de salles")))
                .isVisible();
        fits(french, "home-seller-pipeline-page-fr-phone");
        french.context().close();
    }

    @Test
    void aNudgeTheSellerSendsAppearsLiveInTheBuyersBell() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = browsers.signIn(room.owner);
        Page buyer = openRoom(browsers.signIn(room.groupMember), room);
        Locator bell = buyer.locator(".bell-button");
        assertThat(buyer.locator(".bell[data-unread='0']")).hasCount(1);

        Object status = seller.evaluate("([room, member]) => fetch(`/api/rooms/${room}/members/${member}/nudges`, {"
                + " method: 'POST', headers: { 'Content-Type': 'application/json' },"
                + " body: JSON.stringify({ topic: 'OVERDUE_TASKS' }) }).then((r) => r.status)",
                List.of(room.roomId, room.groupMemberId));
        assertEquals(201, ((Number) status).intValue());

        assertThat(buyer.locator(".bell[data-unread='1']")).hasCount(1);
        assertThat(bell).hasAttribute("aria-label", "Notifications, 1 unread");
        assertThat(bell).hasAttribute("aria-expanded", "false");
        bell.click();
        assertThat(bell).hasAttribute("aria-expanded", "true");
        Locator panel = buyer.locator("#bell-panel");
        assertThat(panel).isVisible();
        assertThat(panel.locator(".bell-item[data-kind=nudge]")).containsText(room.owner.name());
        assertThat(panel.locator(".bell-item[data-kind=nudge] a")).hasAttribute("href", "#/rooms/" + room.roomId);
        assertThat(buyer.locator(".bell[data-unread='0']")).hasCount(1);
        shoot(buyer, "bell-open-desktop");

        buyer.keyboard().press("Escape");
        assertThat(panel).isHidden();
        assertThat(bell).isFocused();
        assertThat(bell).hasAttribute("aria-expanded", "false");
        assertThat(bell).hasAttribute("aria-label", "Notifications");
    }

    @Test
    void aMentionReachesTheBellLiveAndFromTheServerAfterAReload() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = openRoom(browsers.signIn(room.groupMember), room);

        room.decisionMaker.api().body(Map.of("body", "Could you check the pilot figures?", "mentions",
                List.of(room.groupMemberId), "clientId", UUID.randomUUID().toString()))
                .post(PROOF + "/posts", room.roomId).then().statusCode(201);
        room.decisionMaker.api().body(Map.of("body", "A post for everyone else", "clientId",
                UUID.randomUUID().toString())).post(PROOF + "/posts", room.roomId).then().statusCode(201);

        assertThat(buyer.locator(".bell[data-unread='1']")).hasCount(1);
        Locator mention = buyer.locator(".bell-item[data-kind=mention]");
        assertThat(mention).hasCount(1);
        assertThat(mention).containsText("Could you check the pilot figures?");
        assertThat(mention).containsText(room.decisionMaker.name() + " mentioned you");

        buyer.navigate("/#/");
        buyer.reload();
        // Home takes the focus once it has rendered, which closes an open bell: it is opened after that.
        assertThat(buyer.locator(".page.home")).hasCount(1);
        assertThat(buyer.locator(".bell-item[data-kind=mention]")).hasCount(1);
        assertThat(buyer.locator(".bell[data-unread='1']")).hasCount(1);
        buyer.locator(".bell-button").click();
        buyer.locator(".bell-item[data-kind=mention] a").click();
        assertTrue(buyer.url().endsWith("/groups/" + room.proofId + "/discussion"), buyer.url());
        assertThat(buyer.locator("#bell-panel")).isHidden();
    }

    @Test
    void inFrenchOnA360PixelPhoneHomeAndTheBellFitWithoutSideScrolling() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        owe(room);
        room.decisionMaker.api().body(Map.of("body", "Pouvez-vous relire les chiffres du pilote ?", "mentions",
                List.of(room.groupMemberId))).post(PROOF + "/posts", room.roomId).then().statusCode(201);

        Page buyer = browsers.signIn(room.groupMember, "fr-FR", 360, 780);
        assertThat(buyer.locator("h1")).containsText("Bonjour");
        assertThat(buyer.locator("#owed-title")).hasText("Ce que je dois");
        assertThat(buyer.locator(".owed-tasks .status-overdue")).hasText("En retard");
        assertThat(buyer.locator(".owed-tasks .owed-item").first()).containsText("Échéance le");
        fits(buyer, "home-buyer-fr-phone");
        buyer.locator(".bell-button").click();
        assertThat(buyer.locator("#bell-title")).hasText("Notifications");
        assertThat(buyer.locator(".bell-item[data-kind=mention]")).containsText("vous a mentionné");
        assertThat(buyer.locator(".bell-item[data-kind=signoff]")).containsText("vous demande une validation");
        assertThat(buyer.locator(".bell-item[data-kind=nudge]")).containsText("vous a relancé");
        fits(buyer, "bell-open-fr-phone");
        buyer.context().close();

        Page buyerEnglish = browsers.signIn(room.groupMember, 360, 780);
        assertThat(buyerEnglish.locator(".owed-tasks .owed-item")).hasCount(2);
        fits(buyerEnglish, "home-buyer-phone");
        buyerEnglish.locator(".bell-button").click();
        fits(buyerEnglish, "bell-open-phone");
        buyerEnglish.context().close();

        Page seller = browsers.signIn(room.owner, "fr-FR", 360, 780);
        assertThat(seller.locator("#pipeline-title")).hasText("Pipeline");
        assertThat(seller.locator(".pipeline .pipeline-row")).hasCount(1);
        fits(seller, "home-seller-fr-phone");
        seller.context().close();
        Page sellerDesktop = browsers.signIn(room.owner, "fr-FR", 1280, 860);
        assertThat(sellerDesktop.locator(".pipeline .pipeline-row")).hasCount(1);
        shoot(sellerDesktop, "home-seller-fr-desktop");
        sellerDesktop.locator(".bell-button").click();
        shoot(sellerDesktop, "bell-open-fr-desktop");
        sellerDesktop.context().close();
        Page sellerPhone = browsers.signIn(room.owner, 360, 780);
        assertThat(sellerPhone.locator(".pipeline .pipeline-row")).hasCount(1);
        fits(sellerPhone, "home-seller-phone");
        sellerPhone.context().close();
    }

    /** Things the group member owes: two tasks (one overdue), a sign-off, an announcement and a nudge. */
    private static String owe(DealRoomFixture room) {
        LocalDate today = LocalDate.now();
        task(room, "Review the pilot report", today.plusDays(6));
        String late = task(room, "Send the data sample", today.minusDays(2));
        room.owner.api().body(Map.of("title", "Proof of concept accepted", "approverIds",
                List.of(room.groupMemberId))).post(PROOF + "/signoffs", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("body", "The pilot review moves to Thursday", "announcement", true))
                .post(PROOF + "/posts", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId).then().statusCode(201);
        return late;
    }

    private static String task(DealRoomFixture room, String title, LocalDate due) {
        return room.owner.api().body(Map.of("title", title, "ownerId", room.groupMemberId, "dueDate", due.toString()))
                .post(PROOF + "/tasks", room.roomId).then().statusCode(201).extract().path("id");
    }

    private static String room(Person owner, String name, String decision, int amount) {
        return owner.api().body(Map.of("name", name, "prospectAccount", "Northwind", "targetDecisionDate", decision,
                "amount", amount, "currency", "EUR")).post("/api/rooms").then().statusCode(201).extract()
                .path("room.id");
    }

    private static List<String> ids(Locator rows) {
        return rows.all().stream().map(row -> row.getAttribute("data-room-id")).toList();
    }

    /** Opens the room's proof discussion and waits until its socket is live. */
    private static Page openRoom(Page page, DealRoomFixture room) {
        page.navigate("/#/rooms/" + room.roomId + "/groups/" + room.proofId + "/discussion");
        assertThat(page.locator("#banner[data-status=live]")).hasCount(1);
        return page;
    }

    /** The page is no wider than a 360-px phone: nothing to scroll sideways. */
    private static void fits(Page page, String name) throws IOException {
        shoot(page, name);
        Number width = (Number) page.evaluate("document.documentElement.scrollWidth");
        assertTrue(width.intValue() <= 360, name + " is " + width + " px wide");
    }

    private static void shoot(Page page, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path path = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
        assertTrue(Files.size(path) > 10_000, name + " looks empty");
    }
}

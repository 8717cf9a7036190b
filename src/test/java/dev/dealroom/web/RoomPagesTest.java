package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The room's home as a buyer meets it (welcome, logos, the room's colour, their groups with unread counts, live
 * activity), the People screen (inviting moved there) and the settings (the deal's fields live in another person's
 * page, custom groups), in English and French, at desktop and phone sizes.
 */
@QuarkusTest
class RoomPagesTest extends BrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String WELCOME = "Welcome, Northwind team!\nEverything for your evaluation is here.";
    /** A 4×4 PNG, dark teal. */
    private static final byte[] LOGO = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGPg9s+BIwbiOAA78wxhIPpNFgAAAABJRU5ErkJggg==");
    @Test
    void theBuyerIsGreetedByTheRoomAndSeesActivityInTheirGroupsLive() throws IOException {
        DealRoomFixture room = dressed();
        post(room.owner, room, "proof", "The pilot plan is ready for your review.");

        Page buyer = home(browsers.signIn(room.groupMember), room);
        assertThat(buyer.locator(".welcome .welcome-text")).hasText(WELCOME);
        assertThat(buyer.locator(".welcome h2")).containsText(room.owner.name());
        Locator buyerLogo = buyer.locator(".party-buyer img.party-logo");
        assertThat(buyerLogo).hasAttribute("src", java.util.regex.Pattern.compile("/api/rooms/" + room.roomId + "/logos/buyer\\?v=\\d+"));
        buyer.waitForFunction("img => img.complete && img.naturalWidth === 4", buyerLogo.elementHandle());
        assertThat(buyer.locator(".party-seller .party-name")).hasText("Acme Analytics");
        assertEquals("rgb(11, 79, 108)", buyer.locator(".room-hero").evaluate("el => getComputedStyle(el).backgroundColor"));

        // my groups, and only mine, with what is unread
        Locator cards = buyer.locator(".group-cards li");
        assertThat(cards).hasCount(2);
        assertThat(buyer.locator(".group-cards li[data-group-id='" + room.proofId + "'] [data-unread]"))
                .hasAttribute("data-unread", "1");
        assertThat(buyer.locator(".feed .feed-item").filter(new Locator.FilterOptions()
                .setHasText("The pilot plan is ready for your review."))).hasCount(1);
        // nothing of a group the buyer is not in
        post(room.owner, room, "contracts", "Redlines of the master agreement");
        post(room.owner, room, "proof", "Day one of the pilot went well.");
        Locator fresh = buyer.locator(".feed .feed-item").first();
        assertThat(fresh).containsText("Day one of the pilot went well.");
        assertThat(fresh).containsText(room.owner.name());
        assertThat(buyer.locator(".group-cards li[data-group-id='" + room.proofId + "'] [data-unread]"))
                .hasAttribute("data-unread", "2");
        assertThat(buyer.locator(".feed")).not().containsText("Redlines");
        // the timeline at a glance: the room's target date, as the progress API gives it to this buyer
        assertThat(buyer.locator(".glance-facts")).isVisible();
        shoot(buyer, "room-home-desktop");
    }

    @Test
    void peopleListsMembersAndInvitationsAndInvitingHappensThere() {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = home(browsers.signIn(room.owner), room);
        assertThat(seller.locator("form[aria-labelledby=invite-title]")).hasCount(0);
        seller.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("People").setExact(true)).click();
        assertThat(seller.locator(".person")).hasCount(4);
        assertThat(seller.locator(".person[data-member-id='" + room.decisionMakerId + "']"))
                .containsText("Decision-maker");

        Person guest = Person.random("guest");
        seller.getByLabel("Email").fill(guest.email());
        seller.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(guest.name());
        seller.getByLabel("proof").check();
        seller.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite").setExact(true)).click();
        assertThat(seller.locator(".person")).hasCount(5);
        assertThat(seller.locator(".invitations li").filter(new Locator.FilterOptions().setHasText(guest.email())))
                .hasAttribute("data-invitation-status", "OPEN");
        assertThat(seller.getByLabel("Email")).hasValue("");

        // the guest's link is withdrawn and the guest removed, after a question; a buyer is offered no removal
        Page buyer = browsers.signIn(room.groupMember);
        buyer.navigate("/#/rooms/" + room.roomId + "/people");
        assertThat(buyer.locator(".person")).hasCount(5);
        assertThat(buyer.locator(".person-remove-ask")).hasCount(0);
        Locator row = seller.locator(".person").filter(new Locator.FilterOptions().setHasText(guest.name()));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove " + guest.name() + " from the room"))
                .click();
        assertThat(row).containsText("Their access ends at once");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove").setExact(true)).click();
        assertThat(seller.locator(".person")).hasCount(4);
        assertThat(buyer.locator(".person")).hasCount(4);
        assertThat(seller.locator(".person").filter(new Locator.FilterOptions().setHasText("(you)"))
                .locator(".person-remove-ask")).hasCount(0);
        assertThat(seller.locator(".person-remove-ask")).hasCount(3);
    }

    @Test
    void aBuyerErasesThemselfAndTheOwnerErasesAPersonAfterAQuestion() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = browsers.signIn(room.groupMember);
        buyer.navigate("/#/rooms/" + room.roomId + "/people");
        assertThat(buyer.locator(".person")).hasCount(4);
        assertThat(buyer.locator(".person-erase-ask")).hasCount(0);
        buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Erase me from this room")).click();
        assertThat(buyer.locator(".erase-me")).containsText("This cannot be undone");
        buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Erase me").setExact(true)).click();
        assertThat(buyer).hasURL(java.util.regex.Pattern.compile("#/$"));
        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then().statusCode(404);

        Page seller = browsers.signIn(room.owner);
        seller.navigate("/#/rooms/" + room.roomId + "/people");
        assertThat(seller.locator(".person")).hasCount(3);
        assertThat(seller.locator(".erase-me")).hasCount(0); // the owner cannot leave the room they own
        Locator row = seller.locator(".person[data-member-id='" + room.outsiderId + "']");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Erase " + room.outsider.name() + " from the room")).click();
        assertThat(row).containsText("This cannot be undone");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Erase").setExact(true)).click();
        assertThat(seller.locator(".person")).hasCount(2);
    }

    @Test
    void aManagerChangesTheDealAndAnotherPersonSeesItLiveThenCreatesACustomGroup() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = home(browsers.signIn(room.groupMember), room);
        Page seller = browsers.signIn(room.owner);
        seller.navigate("/#/rooms/" + room.roomId + "/settings");
        assertThat(seller.locator("#banner[data-status=live]")).hasCount(1);

        Locator deal = seller.locator("form[data-section=deal]");
        deal.getByLabel("Stage").selectOption("NEGOTIATION");
        deal.getByLabel("Target decision date").fill("2027-06-15");
        deal.getByLabel("Amount").fill("250000");
        deal.getByLabel("Currency").selectOption("EUR");
        deal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(deal.locator(".saved")).hasText("Saved.");

        Locator facts = buyer.locator(".hero-facts");
        assertThat(facts).containsText("Negotiation");
        assertThat(facts).containsText("€250,000");
        assertThat(facts).containsText("Jun 15, 2027");
        assertThat(buyer.locator(".feed .feed-item").first()).containsText(room.owner.name());
        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then()
                .body("room.targetDecisionDate", org.hamcrest.Matchers.equalTo("2027-06-15"));

        // a decision-maker may not declare the outcome: the page says so before the server would
        Page dm = browsers.signIn(room.decisionMaker);
        dm.navigate("/#/rooms/" + room.roomId + "/settings");
        assertThat(dm.locator("form[data-section=deal] option[value=WON]")).isDisabled();

        Locator groups = seller.locator("form[data-section=groups]");
        groups.getByLabel("Group name").fill("Pricing desk");
        groups.getByLabel(room.groupMember.name()).check();
        groups.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create the group")).click();
        assertThat(groups.getByRole(AriaRole.STATUS)).containsText("Pricing desk");
        assertThat(seller.locator(".group-list a").filter(new Locator.FilterOptions().setHasText("Pricing desk")))
                .hasCount(1);
        assertThat(buyer.locator(".group-cards li").filter(new Locator.FilterOptions().setHasText("Pricing desk")))
                .hasCount(1);
        assertThat(buyer.locator(".group-list a").filter(new Locator.FilterOptions().setHasText("Pricing desk")))
                .hasCount(1);
    }

    @Test
    void theSettingsOfferTheRoomsZipToItsManagersAndEveryoneTheirOwnData() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        Page dm = browsers.signIn(room.decisionMaker);
        dm.navigate("/#/rooms/" + room.roomId + "/settings");
        Locator whole = dm.locator("[data-section=data]").getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download the room (ZIP)"));
        assertThat(whole).hasAttribute("href", "/api/rooms/" + room.roomId + "/export");
        Download download = dm.waitForDownload(whole::click);
        assertTrue(download.suggestedFilename().endsWith(".zip"), download.suggestedFilename());
        assertTrue(Files.size(download.path()) > 0);

        Page buyer = browsers.signIn(room.groupMember);
        buyer.navigate("/#/rooms/" + room.roomId + "/settings");
        Locator data = buyer.locator("[data-section=data]");
        assertThat(data.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Download my data")))
                .hasAttribute("href", "/api/me/export");
        assertThat(data.locator("a")).hasCount(1);
    }

    @Test
    void theOwnerClosesTheRoomWithAReasonAndTheBuyerSeesItReadOnlyLiveThenTheArchiveHoldsIt() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = browsers.signIn(room.groupMember);
        buyer.navigate("/#/rooms/" + room.roomId + "/groups/" + room.proofId + "/discussion");
        assertThat(buyer.locator("#banner[data-status=live]")).hasCount(1);
        assertThat(buyer.locator("form.composer")).isVisible();
        Page seller = browsers.signIn(room.owner);
        seller.navigate("/#/rooms/" + room.roomId + "/settings");
        assertThat(seller.locator("#banner[data-status=live]")).hasCount(1);

        Locator deal = seller.locator("form[data-section=deal]");
        assertThat(deal.getByLabel("Why was the deal won or lost?")).isHidden();
        deal.getByLabel("Status").selectOption("WON");
        deal.getByLabel("Why was the deal won or lost?").fill("Chosen for the <b>connector</b>");
        deal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();

        Locator closed = seller.locator("[data-section=closed]");
        assertThat(closed).containsText("Closed: Won");
        assertThat(closed.locator(".close-reason")).hasText("Chosen for the <b>connector</b>"); // text, not markup
        assertThat(buyer.locator(".closed-notice")).containsText("This room is closed (Won");
        assertThat(buyer.locator(".closed-notice")).containsText("You can read it until");
        assertThat(buyer.locator("form.composer")).isHidden();
        assertThat(buyer.locator("body")).not().containsText("connector"); // the reason is the seller's

        // a decided deal shows its outcome where a live one shows its health, and no warnings
        room.owner.api().body(Map.of("title", "Late already", "dueDate", "2020-01-01"))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(409);
        buyer.navigate("/#/rooms/" + room.roomId + "/coordination");
        assertThat(buyer.locator(".coordination-head .badge")).hasText("Won");
        assertThat(buyer.locator(".reasons, .all-clear")).hasCount(0);
        buyer.navigate("/#/rooms/" + room.roomId + "/groups/" + room.proofId + "/discussion");
        assertThat(buyer.locator(".closed-notice")).isVisible();

        seller.navigate("/#/");
        assertThat(seller.locator("ul.pipeline .empty")).hasText("No open room right now; closed ones are in the Archive.");
        seller.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Archive")).click();
        Locator archived = seller.locator(".pipeline-row[data-room-id='" + room.roomId + "']");
        assertThat(archived).containsText("Won");
        assertThat(archived).containsText("Chosen for the <b>connector</b>");

        seller.navigate("/#/rooms/" + room.roomId + "/settings");
        seller.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reopen the room")).click();
        assertThat(seller.locator("form[data-section=deal]")).isVisible();
        assertThat(buyer.locator(".closed-notice")).isHidden();
        assertThat(buyer.locator("form.composer")).isVisible();
    }

    @Test
    void inFrenchAndOnAPhoneEveryRoomScreenReadsAndFits() throws IOException {
        DealRoomFixture room = dressed();
        post(room.owner, room, "proof", "Le plan du pilote est prêt.");
        for (String locale : new String[] { "fr-FR", "en-US" }) {
            for (int[] size : new int[][] { { 1280, 860 }, { 360, 780 } }) {
                String suffix = locale.substring(0, 2) + "-" + (size[0] > 600 ? "desktop" : "phone");
                for (Person person : new Person[] { room.groupMember, room.owner }) {
                    String who = person == room.owner ? "owner" : "buyer";
                    Page page = browsers.signIn(person, locale, size[0], size[1]);
                    home(page, room);
                    assertThat(page.locator("html")).hasAttribute("lang", locale.substring(0, 2));
                    if (locale.startsWith("fr")) {
                        assertThat(page.locator("#my-groups-title")).hasText("Mes groupes");
                        assertThat(page.locator(".welcome h2")).containsText("Un mot de");
                    }
                    assertThat(page.locator(".feed .feed-item")).not().hasCount(0);
                    fits(page);
                    shoot(page, "room-home-" + who + "-" + suffix);
                    for (String screen : new String[] { "people", "settings" }) {
                        page.navigate("/#/rooms/" + room.roomId + "/" + screen);
                        assertThat(page.locator("h1")).hasText(locale.startsWith("fr")
                                ? (screen.equals("people") ? "Participants" : "Réglages")
                                : (screen.equals("people") ? "People" : "Settings"));
                        assertThat(page.locator(screen.equals("people") ? ".person" : "form[data-section=emails]").first())
                                .isVisible();
                        fits(page);
                        shoot(page, screen + "-" + who + "-" + suffix);
                    }
                    page.context().close();
                }
            }
        }
    }

    @Test
    void onAPhoneTheCurrentGroupIsInViewInItsSidewaysStripEvenAfterARedraw() {
        DealRoomFixture room = new DealRoomFixture();
        String contracts = room.owner.api().get("/api/rooms/{r}/groups/contracts", room.roomId).then().statusCode(200)
                .extract().path("id");
        Page page = browsers.signIn(room.owner, "fr-FR", 360, 780);
        page.navigate("/#/rooms/" + room.roomId + "/groups/" + contracts + "/documents");
        assertThat(page.locator("#banner[data-status=live]")).hasCount(1);
        Locator here = page.locator(".group-list a[aria-current=page]");
        assertThat(here).hasAttribute("data-group-key", "contracts");
        assertInView(page, here);
        assertInView(page, page.locator("nav.tabs a[aria-current=page]"));
        // an unread count elsewhere redraws the strip: it stays where it was
        post(room.decisionMaker, room, "steering", "Budget confirmé.");
        assertThat(page.locator(".group-list a[data-group-key=steering] .unread")).hasCount(1);
        assertInView(page, here);
    }

    private static void assertInView(Page page, Locator link) {
        page.waitForFunction("() => new Promise((done) => requestAnimationFrame(() => done(true)))");
        var box = link.boundingBox();
        assertTrue(box.x >= 0 && box.x + box.width <= 360, "the current group is at x=" + box.x + ", " + box.width
                + " px wide, on a 360-px screen " + page.evaluate("() => { const l = document.querySelector('.group-list');"
                + " return [l.scrollWidth, l.clientWidth, l.scrollLeft, getComputedStyle(l).overflowX, document.querySelectorAll('.group-list').length].join(); }"));
    }

    /** The owner dresses the room for the buyer: seller's name, welcome, colour, the buyer's logo. */
    private static DealRoomFixture dressed() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("sellerName", "Acme Analytics", "welcomeMessage", WELCOME,
                "accentColor", "#0b4f6c")).patch("/api/rooms/{r}", room.roomId).then().statusCode(200);
        room.owner.api().contentType("multipart/form-data").multiPart("file", "northwind.png", LOGO, "image/png")
                .put("/api/rooms/{r}/logos/buyer", room.roomId).then().statusCode(200);
        return room;
    }

    private static Page home(Page page, DealRoomFixture room) {
        page.navigate("/#/rooms/" + room.roomId);
        assertThat(page.locator("#banner[data-status=live]")).hasCount(1);
        assertThat(page.locator(".room-hero h1")).isVisible();
        return page;
    }

    /** No horizontal scrolling: nothing is wider than the viewport. */
    private static void fits(Page page) {
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(((Number) overflow).intValue() <= 0, page.url() + " scrolls sideways by " + overflow + " px");
    }

    private static void post(Person by, DealRoomFixture room, String group, String body) {
        by.api().body(Map.of("body", body, "clientId", UUID.randomUUID().toString()))
                .post("/api/rooms/{r}/groups/" + group + "/posts", room.roomId).then().statusCode(201);
    }

    private static void shoot(Page page, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path path = SCREENSHOTS.resolve(name + ".png");
        page.waitForTimeout(300); // let the live feed's highlight settle
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
        assertTrue(Files.size(path) > 10_000, name + " looks empty");
    }
}

package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The web page in a real Chromium, signed in through the OIDC authorization code flow, with one browser context
 * per person: the seller ({@code owner}) and a buyer in {@code proof} ({@code groupMember}).
 */
@QuarkusTest
class WebPageTest extends BrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    @Inject
    OpenConnections sockets;

    @Test
    void aBuyersPostAppearsLiveForTheSellerWhoSeesEveryGroupWhileTheBuyerSeesOnlyTheirs() {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = open(browsers.signIn(room.owner), room, room.proofId, "discussion");
        Page buyer = open(browsers.signIn(room.groupMember), room, room.proofId, "discussion");
        seller.evaluate("window.notReloaded = true");

        buyer.getByLabel("Message").fill("The pilot data is ready for review");
        buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();

        assertThat(posts(seller, "The pilot data is ready for review")).hasCount(1);
        assertEquals(true, seller.evaluate("window.notReloaded"));
        assertThat(seller.locator(".group-list [data-group-key=contracts]")).hasCount(1);
        assertThat(buyer.locator(".group-list [data-group-key=proof]")).hasCount(1);
        assertThat(buyer.locator(".group-list [data-group-key=contracts]")).hasCount(0);
        assertThat(buyer.locator(".group-list [data-group-key=steering]")).hasCount(0);
    }

    @Test
    void aPostMadeWhileTheServerHasCutTheBuyersSocketAppearsOnceWhenItComesBack() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = open(browsers.signIn(room.groupMember), room, room.proofId, "discussion");

        buyer.route("**/live-tickets", Route::abort); // the page cannot come back until the test lets it
        closeSockets(room.roomId);
        assertThat(buyer.locator("#banner")).containsText("Reconnecting");
        post(room.owner, room, "Posted while you were away");
        buyer.unroute("**/live-tickets");

        assertThat(buyer.locator("#banner[data-status=live]")).hasCount(1);
        assertThat(buyer.locator("#banner")).isHidden();
        post(room.owner, room, "And one more after you came back");
        assertThat(posts(buyer, "And one more after you came back")).hasCount(1);
        assertThat(posts(buyer, "Posted while you were away")).hasCount(1);
    }

    @Test
    void goingOfflineShowsReconnectingWithoutWaitingForTheSocketAndComingBackCatchesUpOnce() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = open(browsers.signIn(room.groupMember), room, room.proofId, "discussion");

        buyer.context().setOffline(true); // the server's side of the socket stays open: no close ever arrives
        assertThat(buyer.locator("#banner")).containsText("Reconnecting");
        post(room.owner, room, "Posted while your train was in the tunnel");
        buyer.context().setOffline(false);

        assertThat(buyer.locator("#banner[data-status=live]")).hasCount(1);
        assertThat(posts(buyer, "Posted while your train was in the tunnel")).hasCount(1);
        post(room.owner, room, "And one after the tunnel");
        assertThat(posts(buyer, "And one after the tunnel")).hasCount(1);
        assertThat(posts(buyer, "Posted while your train was in the tunnel")).hasCount(1);
    }

    @Test
    void aPostThatCouldNotBeSentIsRetriedOnceAndAppearsOnce() {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = open(browsers.signIn(room.owner), room, room.proofId, "discussion");
        Page buyer = open(browsers.signIn(room.groupMember), room, room.proofId, "discussion");

        buyer.context().setOffline(true);
        buyer.getByLabel("Message").fill("Sent from the train");
        buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        Locator pending = buyer.locator(".post.pending");
        assertThat(pending).containsText("Not sent.");
        assertThat(pending).containsText("Sent from the train");
        buyer.context().setOffline(false);
        pending.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry")).click();

        assertThat(posts(seller, "Sent from the train")).hasCount(1);
        assertThat(buyer.locator(".post.pending")).hasCount(0);
        assertThat(posts(buyer, "Sent from the train")).hasCount(1);
    }

    @Test
    void aTaskCreatedByOneIsOnTheOthersPlanAndItsStatusMovesTheCoordinationView() {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = open(browsers.signIn(room.owner), room, room.proofId, "plan");
        Page buyer = open(browsers.signIn(room.groupMember), room, room.proofId, "plan");

        buyer.getByLabel("Task", new Page.GetByLabelOptions().setExact(true)).fill("Run the pilot on fleet data");
        buyer.getByLabel("Owner", new Page.GetByLabelOptions().setExact(true))
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(room.groupMember.name()));
        buyer.getByLabel("Due", new Page.GetByLabelOptions().setExact(true))
                .fill(LocalDate.now().plusDays(10).toString());
        buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add task")).click();
        assertThat(seller.locator(".task .task-title")).hasText("Run the pilot on fleet data");

        // A group the seller is not in, named by the buyers: its figures show, its name does not.
        String secret = "Walk-away price " + UUID.randomUUID();
        room.decisionMaker.api().body(Map.of("name", secret, "memberIds", List.of(room.groupMemberId)))
                .post("/api/rooms/{r}/groups", room.roomId).then().statusCode(201);

        seller.navigate("/#/rooms/" + room.roomId + "/coordination");
        Locator proof = seller.locator(".workstream[data-group-key=proof]");
        assertThat(proof).containsText("0/1 tasks done");
        assertThat(seller.locator(".workstreams")).containsText("Private group 1");
        assertThat(seller.locator("main")).not().containsText(secret);
        buyer.getByLabel("Status of Run the pilot on fleet data").selectOption("DONE");

        assertThat(proof.locator(".percent")).hasText("100%");
        assertThat(proof).containsText("1/1 tasks done");
    }

    @Test
    void anUploadShowsItsProgressAndTheOtherSideDownloadsTheSameBytes() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = open(browsers.signIn(room.owner), room, room.proofId, "documents");
        Page buyer = open(browsers.signIn(room.groupMember), room, room.proofId, "documents");
        byte[] content = new byte[700_000];
        new Random(42).nextBytes(content);
        byte[] pdfSignature = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(pdfSignature, 0, content, 0, pdfSignature.length);
        Path file = Files.createTempDirectory("upload").resolve("pilot-results.pdf");
        Files.write(file, content);

        buyer.getByLabel("File").setInputFiles(file);
        buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
        Locator progress = buyer.getByLabel("Upload progress");
        assertThat(progress).isVisible();
        assertThat(progress).hasJSProperty("value", 100);

        Locator link = seller.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("pilot-results.pdf").setExact(true));
        Download download = seller.waitForDownload(link::click);
        assertArrayEquals(content, Files.readAllBytes(download.path()));
        assertThat(buyer.locator(".document .viewers")).containsText(room.owner.name());
    }

    /** Issue 15: the API lists versions newest first; the card showed and linked the oldest. */
    @Test
    void aNewVersionIsWhatTheCardShowsAndDownloads() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = open(browsers.signIn(room.owner), room, room.proofId, "documents");
        Page buyer = open(browsers.signIn(room.groupMember), room, room.proofId, "documents");
        Path folder = Files.createTempDirectory("versions");
        byte[] first = "%PDF-1.7\n% first draft\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "%PDF-1.7\n% second draft, with the pricing\n".getBytes(StandardCharsets.US_ASCII);
        Path file = folder.resolve("proposal.pdf");

        for (byte[] version : List.of(first, second)) {
            Files.write(file, version);
            buyer.getByLabel("File").setInputFiles(file);
            buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
            assertThat(buyer.getByLabel("Upload progress")).hasJSProperty("value", 100);
        }

        Locator card = seller.locator(".document", new Page.LocatorOptions().setHasText("proposal.pdf"));
        assertThat(card.locator(".card-head")).containsText("v2");
        Download download = seller.waitForDownload(
                seller.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("proposal.pdf").setExact(true))::click);
        assertArrayEquals(second, Files.readAllBytes(download.path()));
        assertThat(card.locator("details li").first()).containsText("Version 2");
    }

    @Test
    void markupInAPostIsShownAsTextAndNeverRuns() {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = open(browsers.signIn(room.owner), room, room.proofId, "discussion");
        Page buyer = open(browsers.signIn(room.groupMember), room, room.proofId, "discussion");
        List<String> dialogs = Collections.synchronizedList(new ArrayList<>());
        for (Page page : List.of(seller, buyer)) {
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
        }
        String attack = "<img src=x onerror=alert(1)>";

        buyer.getByLabel("Message").fill(attack);
        buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();

        assertThat(posts(seller, attack)).hasCount(1);
        assertThat(posts(buyer, attack)).hasCount(1);
        assertThat(seller.locator(".thread img")).hasCount(0);
        assertThat(buyer.locator(".thread img")).hasCount(0);
        assertEquals(List.of(), dialogs);
    }

    @Test
    void anInviteeFollowsTheLinkInTheirEmailSignsInAndLandsInTheirGroups() {
        DealRoomFixture room = new DealRoomFixture();
        Person guest = Person.random("guest");
        room.addMember(room.owner, guest, "BUYER", false, "proof");
        Matcher link = Pattern.compile("http://localhost:8081(/#/join/\\S+)")
                .matcher(SentMails.to(guest.email()).get(0).getText());
        assertTrue(link.find());

        Page page = browsers.signInAt(link.group(1), guest);

        assertThat(page).hasURL(Pattern.compile(".*#/rooms/" + room.roomId + "$"));
        assertThat(page.locator(".group-list [data-group-key=proof]")).hasCount(1);
        assertThat(page.locator(".group-list [data-group-key=contracts]")).hasCount(0);
        page.navigate(link.group(1));
        assertThat(page.locator("h1")).hasText("This invitation cannot be used");
    }

    @Test
    void theOwnerWithdrawsAnInvitationLinkAndSendsANewOne() {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = browsers.signIn(room.owner);
        seller.navigate("/#/rooms/" + room.roomId + "/people");
        Person guest = Person.random("guest");
        room.addMember(room.owner, guest, "BUYER", false, "proof");
        Locator invitation = seller.locator(".invitations li").filter(new Locator.FilterOptions().setHasText(guest.email()));
        assertThat(invitation).containsText("invited, not joined yet");

        invitation.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Withdraw link")).click();
        assertThat(invitation).containsText("invitation withdrawn");
        invitation.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send " + guest.name() + " a new link"))
                .click();
        assertThat(invitation).containsText("invited, not joined yet");
        assertEquals(2, SentMails.to(guest.email()).size());

        // The guest signs in without either link and opens the room: joined, nothing left to send or withdraw.
        browsers.signIn(guest).navigate("/#/rooms/" + room.roomId);
        assertThat(invitation).containsText(guest.email() + " · joined");
        assertThat(invitation.getByRole(AriaRole.BUTTON)).hasCount(0);
    }

    @Test
    void aMemberTurnsAKindOfEmailOffInTheRoom() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = browsers.signIn(room.groupMember);
        buyer.navigate("/#/rooms/" + room.roomId + "/settings");

        buyer.getByLabel("When a post mentions me").uncheck();
        buyer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

        assertThat(buyer.getByText("Saved.")).isVisible();
        room.groupMember.api().get("/api/rooms/{r}/notifications", room.roomId).then().statusCode(200)
                .body("mentions", org.hamcrest.Matchers.equalTo(false))
                .body("digest", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void signingOutEndsTheSession() {
        DealRoomFixture room = new DealRoomFixture();
        Page seller = browsers.signIn(room.owner);
        seller.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(seller.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        assertEquals(401, seller.request().get("/api/me").status());
    }

    @Test
    void screenshotsOfThePipelineAGroupAndTheCoordinationViewAtDesktopAndPhoneSizes() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        tellAStory(room);
        Files.createDirectories(SCREENSHOTS);
        for (int[] size : new int[][] { { 1280, 860 }, { 360, 780 } }) {
            String suffix = size[0] > 600 ? "desktop" : "phone";
            Page page = browsers.signIn(room.owner, size[0], size[1]);
            assertThat(page.locator(".room-card").first()).isVisible();
            shoot(page, "pipeline-" + suffix);
            open(page, room, room.proofId, "discussion");
            assertThat(page.locator(".thread .post")).hasCount(3);
            shoot(page, "group-" + suffix);
            page.navigate("/#/rooms/" + room.roomId + "/coordination");
            assertThat(page.locator(".timeline .milestone")).hasCount(2);
            shoot(page, "coordination-" + suffix);
            page.context().close();
        }
    }

    private static void shoot(Page page, String name) throws IOException {
        Path path = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
        assertTrue(Files.size(path) > 10_000, name + " looks empty");
    }

    /** A room with something to show: milestones (one late), a blocked task, a short discussion. */
    private static void tellAStory(DealRoomFixture room) {
        String base = "/api/rooms/{r}/groups/proof";
        String late = task(room.owner, room, "Pilot data extract", room.groupMemberId, LocalDate.now().minusDays(3), true);
        task(room.owner, room, "Pilot success review", room.decisionMakerId, LocalDate.now().plusDays(20), true);
        String blocked = task(room.owner, room, "VPN access for the pilot", room.groupMemberId,
                LocalDate.now().plusDays(2), false);
        room.owner.api().body(Map.of("status", "BLOCKED", "blockedReason", "Waiting for the security review"))
                .patch(base + "/tasks/{t}", room.roomId, blocked).then().statusCode(200);
        room.groupMember.api().body(Map.of("status", "IN_PROGRESS")).patch(base + "/tasks/{t}", room.roomId, late)
                .then().statusCode(200);
        post(room.owner, room, "Welcome! The pilot plan is in the Plan tab; shout if a date does not work.");
        post(room.groupMember, room, "Thanks. The data extract needs one more day, our export job failed.");
        post(room.decisionMaker, room, "Fine by me, as long as the review date holds.");
    }

    private static String task(Person by, DealRoomFixture room, String title, String ownerId, LocalDate due,
            boolean milestone) {
        return by.api().body(Map.of("title", title, "ownerId", ownerId, "dueDate", due.toString(), "milestone",
                milestone)).post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201)
                .extract().path("id");
    }

    private static void post(Person by, DealRoomFixture room, String body) {
        by.api().body(Map.of("body", body, "clientId", UUID.randomUUID().toString()))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
    }

    /** Shows a group tab and waits until the room's socket has replayed and is live. */
    private static Page open(Page page, DealRoomFixture room, String groupId, String tab) {
        page.navigate("/#/rooms/" + room.roomId + "/groups/" + groupId + "/" + tab);
        assertThat(page.locator("#banner[data-status=live]")).hasCount(1);
        return page;
    }

    private static Locator posts(Page page, String text) {
        return page.locator(".thread .post .body").filter(new Locator.FilterOptions().setHasText(text));
    }

    /** The server drops the room's sockets, as a restart or a network fault would. */
    private void closeSockets(String roomId) {
        for (WebSocketConnection socket : sockets.listAll()) {
            if (roomId.equals(socket.pathParam("roomId"))) {
                socket.closeAndAwait();
            }
        }
    }
}

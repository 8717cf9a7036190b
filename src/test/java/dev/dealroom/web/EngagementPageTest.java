package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import dev.dealroom.progress.EngagementAlerts;
import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Engagement in the page: the coordination screen's section for the steering group, the owner's live alert in the
 * bell, and the line that tells every member what the room records.
 */
@QuarkusTest
class EngagementPageTest extends BrowserTest {

    @Inject
    DataSource dataSource;

    @Inject
    EngagementAlerts alerts;

    @Test
    void theOwnerSeesEachBuyersEngagementAndIsToldLiveWhenAKeyBuyerGoesQuiet() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = browsers.signIn(room.groupMember);
        buyer.navigate("/#/rooms/" + room.roomId + "/coordination");
        assertThat(buyer.locator(".tracking-note:visible")).hasText("This room records when you open it, which updates you"
                + " have read and which documents you download, so the team can keep the evaluation moving."
                + " Nothing else is tracked.");
        assertThat(buyer.locator(".stakeholders tbody tr").first()).isVisible();
        assertThat(buyer.locator(".engagement")).hasCount(0);
        // on a phone the line ends the screen instead of pushing it down under the navigation
        Page phone = browsers.signIn(room.groupMember, 360, 780);
        phone.navigate("/#/rooms/" + room.roomId + "/coordination");
        assertThat(phone.locator(".tracking-beside")).isHidden();
        assertThat(phone.locator(".tracking-below")).isVisible();

        // the decision-maker, a key buyer, last came eight days ago (as the demo data can seed it)
        visited(room.decisionMakerId, room.roomId, Instant.now().minus(Duration.ofDays(8)));
        Page owner = browsers.signIn(room.owner);
        owner.navigate("/#/rooms/" + room.roomId + "/coordination");
        assertThat(owner.locator("#banner[data-status=live]")).hasCount(1);
        Locator engineer = owner.locator(".engagement-members tr[data-member-id='" + room.groupMemberId + "']");
        assertThat(engineer.locator(".badge")).hasText("Engaged");
        assertThat(engineer).containsText("Visited in the last day");
        Locator decisionMaker = owner.locator(".engagement-members tr[data-member-id='" + room.decisionMakerId + "']");
        assertThat(decisionMaker.locator(".badge")).hasText("Quiet");
        assertThat(decisionMaker).containsText("No visit for 8 days");
        assertThat(decisionMaker).containsText("key buyer");
        assertThat(owner.locator(".engagement-members tr[data-member-id='" + room.outsiderId + "'] .badge"))
                .hasText("Not visited yet");

        alerts.check();
        assertThat(owner.locator(".bell[data-unread='1']")).hasCount(1);
        owner.locator(".bell-button").click();
        assertThat(owner.locator(".bell-item[data-kind=engagement]"))
                .containsText(room.decisionMaker.name() + " has not visited for 8 days");
        owner.locator(".engagement").screenshot(new Locator.ScreenshotOptions()
                .setPath(java.nio.file.Path.of("target", "screenshots", "visual", "engagement.png")));

        // the alerts' email is offered to whom they go: the owner, not a decision-maker who sees engagement
        owner.navigate("/#/rooms/" + room.roomId + "/settings");
        assertThat(owner.getByLabel("When a key buyer goes quiet or is back (sent to the room’s owner)")).isVisible();
        Page decider = browsers.signIn(room.decisionMaker);
        decider.navigate("/#/rooms/" + room.roomId + "/settings");
        assertThat(decider.locator("form[data-section=emails]")).isVisible();
        assertThat(decider.locator("form[data-section=emails] input[name=engagementAlerts]")).hasCount(0);
    }

    @Test
    void inFrenchEngagementIsInFrench() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        visited(room.groupMemberId, room.roomId, Instant.now().minus(Duration.ofDays(4)));
        Page owner = browsers.signIn(room.owner, "fr-FR", 1280, 860);
        owner.navigate("/#/rooms/" + room.roomId + "/coordination");
        assertThat(owner.locator("#engagement-title")).hasText("Engagement");
        Locator engineer = owner.locator(".engagement-members tr[data-member-id='" + room.groupMemberId + "']");
        assertThat(engineer.locator(".badge")).hasText("Moins présent");
        assertThat(engineer).containsText("Aucune visite depuis 4 jours");
        assertThat(owner.locator(".tracking-note:visible")).containsText("Rien d’autre n’est suivi.");
    }

    /** A visit on record, as the demo data would insert it. */
    private void visited(String memberId, String roomId, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into member_visit (member_id, day,"
                        + " room_id, visits, first_at, last_at) values (?, ?, ?, 1, ?, ?)")) {
            insert.setObject(1, UUID.fromString(memberId));
            insert.setObject(2, LocalDate.ofInstant(at, ZoneOffset.UTC));
            insert.setObject(3, UUID.fromString(roomId));
            insert.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}

package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;

/** The buying committee's place in the page: the coordination screen, for the steering group only. */
@QuarkusTest
class CommitteePageTest extends BrowserTest {

    @Test
    void theOwnerSetsRolesInPlaceAndTheGapsAndTheDecisionMakersViewFollow() {
        DealRoomFixture room = new DealRoomFixture();
        Page owner = coordination(browsers.signIn(room.owner), room);
        Page decisionMaker = coordination(browsers.signIn(room.decisionMaker), room);
        assertThat(owner.locator("#committee-title")).hasText("Buying committee");
        assertThat(owner.locator(".committee-gaps")).containsText("No buying role has been set yet");

        Locator engineer = owner.locator(".committee-members tr[data-member-id='" + room.groupMemberId + "']");
        engineer.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Champion")).check();
        assertThat(owner.locator(".committee-gaps")).containsText("No economic buyer identified");
        assertThat(owner.locator(".committee-gaps")).containsText("The champion is not in the business case");
        engineer = owner.locator(".committee-members tr[data-member-id='" + room.groupMemberId + "']");
        engineer.getByRole(AriaRole.COMBOBOX).selectOption("SUPPORTER");
        owner.waitForTimeout(500);
        room.owner.api().get("/api/rooms/{r}/committee", room.roomId).then().statusCode(200)
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.roles", contains("CHAMPION"))
                .body("members.find { it.memberId == '" + room.groupMemberId + "' }.attitude", equalTo("SUPPORTER"));
        // The health reasons of the screen have the gaps too.
        assertThat(owner.locator(".reasons .reason-committee-role-missing").first()).isVisible();

        // The decision-maker's screen follows live, and offers no control: the owner sets the committee.
        Locator seen = decisionMaker.locator(".committee-members tr[data-member-id='" + room.groupMemberId + "']");
        assertThat(seen).containsText("Champion");
        assertThat(seen).containsText("Supporter");
        assertThat(decisionMaker.locator(".committee input, .committee select")).hasCount(0);
        owner.locator(".committee").screenshot(new Locator.ScreenshotOptions()
                .setPath(java.nio.file.Path.of("target", "screenshots", "visual", "committee.png")));
    }

    @Test
    void aBuyerOutsideSteeringHasNoCommitteeOnTheScreen() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("roles", List.of("CHAMPION"), "attitude", "SUPPORTER"))
                .put("/api/rooms/{r}/committee/{m}", room.roomId, room.groupMemberId).then().statusCode(200);
        Page buyer = coordination(browsers.signIn(room.groupMember), room);
        assertThat(buyer.locator(".committee")).hasCount(0);
        assertThat(buyer.locator("main")).not().containsText("Buying committee");
        assertThat(buyer.locator("main")).not().containsText("Champion");
        assertThat(buyer.locator("main")).not().containsText("identified");
    }

    @Test
    void inFrenchTheCommitteeIsInFrench() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("roles", List.of("CHAMPION"), "attitude", "OPPONENT"))
                .put("/api/rooms/{r}/committee/{m}", room.roomId, room.groupMemberId).then().statusCode(200);
        Page owner = coordination(browsers.signIn(room.owner, "fr-FR", 1280, 860), room);
        assertThat(owner.locator("#committee-title")).hasText("Comité d’achat");
        assertThat(owner.locator(".committee-gaps")).containsText("Aucun décideur budgétaire identifié");
        Locator engineer = owner.locator(".committee-members tr[data-member-id='" + room.groupMemberId + "']");
        assertThat(engineer.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Champion")))
                .isChecked();
        assertThat(engineer.getByRole(AriaRole.COMBOBOX)).hasValue("OPPONENT");
        assertThat(engineer.locator("option:checked")).hasText("Opposé");
        assertThat(owner.locator(".committee")).not().containsText("Buying roles");
    }

    private static Page coordination(Page page, DealRoomFixture room) {
        page.navigate("/#/rooms/" + room.roomId + "/coordination");
        assertThat(page.locator("#banner[data-status=live]")).hasCount(1);
        assertThat(page.locator(".stakeholders tbody tr").first()).isVisible();
        return page;
    }
}

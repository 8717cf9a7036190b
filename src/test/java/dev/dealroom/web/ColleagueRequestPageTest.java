package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Colleague requests on the People screen: a buyer (in English) asks to bring in colleagues, the owner (in French)
 * sees each request arrive live and declines one with a reason and approves the other; the buyer sees each outcome
 * live. A plain buyer sees no manager's controls and the owner no form to ask.
 */
@QuarkusTest
class ColleagueRequestPageTest extends BrowserTest {

    @Test
    void aBuyerAsksAndTheOwnerDecidesLiveInTheirOwnLanguages() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = people(browsers.signIn(room.groupMember), room);
        Page owner = people(browsers.signIn(room.owner, "fr-FR", 1280, 800), room);
        assertThat(owner.locator("#colleague-requests-title")).hasText("Demandes pour faire entrer un collègue");
        assertThat(owner.locator("form[aria-labelledby=colleague-title]")).hasCount(0);
        assertThat(buyer.locator("#colleague-requests-title")).hasText("Your requests");

        Person declined = Person.random("colleague");
        ask(buyer, declined, true);
        Locator mine = buyer.locator(".colleague-request").filter(new Locator.FilterOptions()
                .setHasText(declined.email()));
        assertThat(mine).hasAttribute("data-status", "PENDING");
        assertThat(buyer.locator("form[aria-labelledby=colleague-title]").getByLabel("Email")).hasValue("");
        // the button that was disabled while the request went keeps the keyboard's place
        assertThat(buyer.locator("form[aria-labelledby=colleague-title]").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Ask").setExact(true))).isFocused();

        // it waits for the owner: in the bell, live, and in what they owe
        assertThat(owner.locator(".bell-item[data-kind=colleague]")).containsText(room.groupMember.name()
                + " demande à faire entrer " + declined.name());
        owner.navigate("/#/");
        assertThat(owner.locator(".owed-colleagues .owed-item")).containsText("Faire entrer " + declined.name()
                + "\u202f?");
        people(owner, room);
        Locator pending = owner.locator(".colleague-request").filter(new Locator.FilterOptions()
                .setHasText(declined.email()));
        assertThat(pending).containsText(room.groupMember.name());
        pending.getByLabel("Motif (facultatif)").fill("Pas à ce stade <b>merci</b>");
        pending.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refuser " + declined.name()))
                .click();
        assertThat(pending).hasCount(0);
        assertThat(mine).hasAttribute("data-status", "DECLINED");
        assertThat(owner.locator(".bell-item[data-kind=colleague]")).hasCount(0);
        assertThat(mine).containsText("Reason: Pas à ce stade <b>merci</b>");

        Person approved = Person.random("colleague");
        ask(buyer, approved, false);
        Locator next = owner.locator(".colleague-request").filter(new Locator.FilterOptions()
                .setHasText(approved.email()));
        next.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accepter " + approved.name()))
                .click();
        assertThat(owner.locator(".person").filter(new Locator.FilterOptions().setHasText(approved.name())))
                .hasCount(1);
        assertThat(buyer.locator(".colleague-request").filter(new Locator.FilterOptions()
                .setHasText(approved.email()))).hasAttribute("data-status", "APPROVED");
        assertThat(buyer.locator(".colleague-request button")).hasCount(0);
        assertThat(owner.locator(".colleagues p.muted").last()).hasText("Aucune demande en attente.");
    }

    private static void ask(Page buyer, Person colleague, boolean inProof) {
        Locator form = buyer.locator("form[aria-labelledby=colleague-title]");
        form.getByLabel("Email").fill(colleague.email());
        form.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(colleague.name());
        if (inProof) {
            form.getByLabel("proof").check();
        }
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ask").setExact(true)).click();
    }

    private static Page people(Page page, DealRoomFixture room) {
        page.navigate("/#/rooms/" + room.roomId + "/people");
        assertThat(page.locator("#banner[data-status=live]")).hasCount(1);
        assertThat(page.locator(".page.people h1")).isVisible();
        return page;
    }
}

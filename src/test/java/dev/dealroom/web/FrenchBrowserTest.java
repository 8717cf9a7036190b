package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;


import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A French browser gets the page in French from the sign-in screen on, without choosing anything (the language
 * menu and the server's memory of it: {@code LanguageSwitchTest}).
 */
@QuarkusTest
class FrenchBrowserTest extends BrowserTest {

    @Test
    void aFrenchBrowserGetsThePageInFrenchWithDatesAndStatusesInFrench() {
        DealRoomFixture room = new DealRoomFixture();
        Page buyer = browsers.signIn(room.groupMember, "fr-FR", 1280, 800);

        assertThat(buyer.locator("html")).hasAttribute("lang", "fr");
        assertThat(buyer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Se déconnecter"))).isVisible();
        assertThat(buyer.getByLabel("Langue")).hasValue("fr");
        buyer.navigate("/#/rooms/" + room.roomId + "/groups/" + room.proofId + "/plan");
        assertThat(buyer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Validations"))).isVisible();
        buyer.context().close();
    }
}

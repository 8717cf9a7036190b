package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The settings' calendar card: a buyer makes their feed's link, sees it once, and revokes it. */
@QuarkusTest
class CalendarPageTest extends BrowserTest {

    @Test
    void aMemberMakesCopiesAndRevokesTheirCalendarLink() {
        DealRoomFixture room = new DealRoomFixture();
        Page page = browsers.signIn(room.groupMember);
        page.navigate("/#/rooms/" + room.roomId + "/settings");
        Locator card = page.locator("[data-section=calendar]");
        assertThat(card.locator("h2")).hasText("Calendar feed");
        assertThat(card).containsText("You have no calendar feed.");
        assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke"))).isHidden();

        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create the link")).click();
        Locator address = card.getByLabel("Calendar feed link");
        assertThat(address).hasValue(Pattern.compile(".*/api/calendar/[A-Za-z0-9_-]{43}\\.ics"));
        String url = address.inputValue();
        RestAssured.given().get(url).then().statusCode(200);
        assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("New link"))).isVisible();

        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();
        assertThat(card).containsText("Revoked: the link no longer works.");
        assertThat(card).containsText("You have no calendar feed.");
        RestAssured.given().get(url).then().statusCode(404);

        // French, after a reload: the card says what the server knows, the date of the active link but not the link
        room.groupMember.api().put("/api/me/calendar").then().statusCode(200);
        Page french = browsers.signIn(room.groupMember, "fr-FR", 1280, 860);
        french.navigate("/#/rooms/" + room.roomId + "/settings");
        Locator carte = french.locator("[data-section=calendar]");
        assertThat(carte.locator("h2")).hasText("Flux de calendrier");
        assertThat(carte).containsText("est actif");
        assertThat(carte.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Nouveau lien")))
                .isVisible();
    }
}

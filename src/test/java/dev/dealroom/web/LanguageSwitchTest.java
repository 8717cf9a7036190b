package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.Browsers;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The page's language menu end to end: the choice reaches the server ({@code PUT /api/me/language}), which remembers
 * it for the person, so that another browser, whatever its own language, opens in it, and the server's own texts
 * follow.
 */
@QuarkusTest
class LanguageSwitchTest extends BrowserTest {

    @Test
    void aLanguageChosenInThePageIsRememberedByTheServerForThePersonAcrossBrowsers() {
        Person person = Person.random("bilingual");
        DealRoomFixture.createRoom(person, "Language room");
        Page english = browsers.signIn(person);
        assertThat(english.locator("html")).hasAttribute("lang", "en");
        english.getByLabel("Language").selectOption("fr");
        assertThat(english.locator("html")).hasAttribute("lang", "fr");
        assertThat(english.getByLabel("Langue")).hasValue("fr");
        person.api().get("/api/me").then().statusCode(200).body("language", equalTo("fr"));

        // another browser, in English, with nothing stored: the server's choice wins
        Page elsewhere = browsers.signIn(person, "en-US", 360, 780);
        assertThat(elsewhere.locator("html")).hasAttribute("lang", "fr");
        assertThat(elsewhere.getByLabel("Langue")).hasValue("fr");
        elsewhere.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots",
                "language-switch-fr-phone.png")).setFullPage(true));
        // and the server answers it in French, whatever the page's request says
        person.api().header("Accept-Language", "en").body(java.util.Map.of()).post("/api/rooms").then()
                .statusCode(400).body("title", equalTo("La requête contient des champs invalides"));

        elsewhere.getByLabel("Langue").selectOption("en");
        assertThat(elsewhere.locator("html")).hasAttribute("lang", "en");
        person.api().get("/api/me").then().statusCode(200).body("language", equalTo("en"));
        english.context().close();
        elsewhere.context().close();
    }
}

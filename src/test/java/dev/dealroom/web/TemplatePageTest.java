package dev.dealroom.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.dealroom.support.BrowserTest;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Room templates in a real Chromium, in French: a seller opens a room from the built-in template on the home page, finds
 * its starter plan, and turns a sign-off to request into the sign-off form, filled in.
 */
@QuarkusTest
class TemplatePageTest extends BrowserTest {

    @Test
    void aSellerOpensARoomFromTheBuiltInTemplateAndAsksForASignoffItPlanned() {
        Person seller = Person.random("seller");
        Page page = browsers.signIn(seller, "fr-FR", 1280, 860);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ouvrir une salle")).click();
        page.getByLabel("Opportunité").fill("Contoso — pilote");
        page.getByLabel("Compte prospect").fill("Contoso");
        page.getByLabel("Date de décision").fill("2027-06-30");
        Locator template = page.getByLabel("Modèle");
        assertThat(template.locator("option").nth(1)).hasText("Évaluation B2B complexe");
        template.selectOption("complex-b2b-evaluation");
        assertThat(template.locator("option:checked")).hasText("Évaluation B2B complexe");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ouvrir la salle")).click();

        assertThat(page.locator("section.welcome"))
                .containsText("Bienvenue dans notre salle d’évaluation partagée.");
        String roomId = page.url().replaceAll(".*#/rooms/([^/]+).*", "$1");
        String proof = seller.api().get("/api/rooms/{r}/groups/proof", roomId).then().statusCode(200).extract()
                .path("id");
        page.navigate("/#/rooms/" + roomId + "/groups/" + proof + "/plan");
        Locator accepted = page.locator(".task").filter(new Locator.FilterOptions()
                .setHasText("Preuve de concept acceptée"));
        assertThat(accepted.locator(".tag")).hasText("Validation à demander");
        assertThat(page.locator(".task").first()).containsText("Définir le périmètre");
        accepted.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Demander cette validation"))
                .click();

        Locator form = page.locator("form[aria-labelledby='new-signoff-title']");
        assertThat(form.locator("input[name=title]")).hasValue("Preuve de concept acceptée");
        assertThat(form.locator("textarea[name=description]"))
                .hasValue("Les critères de réussite convenus au départ sont atteints.");

        // the room saved as the seller's own template, listed in the settings and offered on the home page
        page.navigate("/#/rooms/" + roomId + "/settings");
        String name = "Pilote d’abord — " + seller.name(); // shared ones of earlier runs are listed too
        Locator save = page.locator("form[data-section=templates]");
        save.getByLabel("Nom du modèle").fill(name);
        save.getByLabel("Partager avec tout le monde sur ce serveur").check();
        save.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enregistrer comme modèle")).click();
        assertThat(save.locator("[role=status]")).hasText("Enregistré comme modèle «\u202f" + name + "\u202f».");
        Locator mine = page.locator("[data-section=my-templates]");
        assertThat(mine.getByLabel("Nom du modèle")).hasValue(name);
        assertThat(mine.getByLabel("Partagé")).isChecked();
        page.navigate("/#/");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ouvrir une salle")).click();
        assertThat(page.getByLabel("Modèle").locator("option",
                new Locator.LocatorOptions().setHasText(name))).hasCount(1);
    }
}

package dev.dealroom.common.i18n;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.notification.DigestService;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The language of what the server writes for people: a person's remembered choice, else {@code Accept-Language}
 * (quality values honoured), else English; codes never change with it. Emails go out in the recipient's language,
 * else in the language of whoever caused them.
 */
@QuarkusTest
class LanguageTest {

    private static final String ENGLISH_TITLE = "The request has invalid fields";
    private static final String FRENCH_TITLE = "La requête contient des champs invalides";

    @Inject
    DigestService digests;

    @Test
    void acceptLanguageChoosesProblemTitlesAndFieldMessagesButNotCodes() {
        Person person = Person.random("polyglot");
        ValidatableResponse english = emptyRoom(person, "en-GB").body("title", equalTo(ENGLISH_TITLE))
                .body("errors.find { it.field == 'name' }.message", equalTo("Required"));
        ValidatableResponse french = emptyRoom(person, "fr-FR,fr;q=0.9,en;q=0.5").body("title", equalTo(FRENCH_TITLE))
                .body("errors.find { it.field == 'name' }.message", equalTo("Obligatoire"));
        assertEquals(english.extract().<List<String>>path("errors.code"), french.extract().path("errors.code"));
        assertEquals(english.extract().<List<String>>path("errors.field"), french.extract().path("errors.field"));
        assertEquals("validation-failed", french.extract().path("code"));

        emptyRoom(person, "en;q=0.4, fr;q=0.8").body("title", equalTo(FRENCH_TITLE));
        emptyRoom(person, "fr;q=0, en").body("title", equalTo(ENGLISH_TITLE));
        emptyRoom(person, "de-DE, es").body("title", equalTo(ENGLISH_TITLE));
        emptyRoom(person, null).body("title", equalTo(ENGLISH_TITLE));

        // a service's refusal: its detail too; a text rule's field message too
        DealRoomFixture.anonymous().header("Accept-Language", "fr").get("/api/me").then().statusCode(401)
                .body("code", equalTo("unauthenticated"))
                .body("title", equalTo("Un jeton d’accès ou une session valide est nécessaire"));
        person.api().header("Accept-Language", "fr")
                .body(Map.of("name", "Deal\u202Eroom", "prospectAccount", "Northwind", "targetDecisionDate", "2027-03-31"))
                .post("/api/rooms").then().statusCode(400)
                .body("errors[0].code", equalTo("invalid-format"))
                .body("errors[0].message", equalTo("Le texte contient un caractère qui inverse son sens d’affichage (U+202E)"));
        String roomId = DealRoomFixture.createRoom(person, "Polyglot room");
        Person buyer = Person.random("buyer");
        Map<String, Object> member = Map.of("email", buyer.email(), "name", buyer.name(), "side", "BUYER");
        person.api().body(member).post("/api/rooms/{r}/members", roomId).then().statusCode(201);
        person.api().header("Accept-Language", "fr").body(member).post("/api/rooms/{r}/members", roomId).then()
                .statusCode(409).body("code", equalTo("member-exists"))
                .body("title", equalTo("Un membre avec cette adresse e-mail est déjà dans la salle"))
                .body("detail", equalTo(buyer.email() + " est déjà membre de cette salle"));
    }

    @Test
    void aRememberedLanguageWinsOverTheHeaderAndIsToldByMe() {
        Person person = Person.random("switcher");
        person.api().get("/api/me").then().statusCode(200).body("language", nullValue());

        choose(person, "fr", "en").statusCode(200).body("language", equalTo("fr"));
        person.api().header("Accept-Language", "en").get("/api/me").then().statusCode(200)
                .body("language", equalTo("fr")).body("email", equalTo(person.email()));
        emptyRoom(person, "en").body("title", equalTo(FRENCH_TITLE)).body("code", equalTo("validation-failed"));
        emptyRoom(person, null).body("title", equalTo(FRENCH_TITLE));

        choose(person, "en", "fr").statusCode(200).body("language", equalTo("en"));
        emptyRoom(person, "fr").body("title", equalTo(ENGLISH_TITLE));
        person.api().get("/api/me").then().body("language", equalTo("en"));
    }

    @Test
    void choosingALanguageIsValidated() {
        Person person = Person.random("chooser");
        for (Object refused : List.of("de", "FR", "fr-FR", "", " fr")) {
            person.api().body(Map.of("language", refused)).put("/api/me/language").then().statusCode(400)
                    .body("code", equalTo("validation-failed"))
                    .body("errors.field", equalTo(List.of("language")))
                    .body("errors[0].code", equalTo("invalid-value"));
        }
        person.api().body(Map.of()).put("/api/me/language").then().statusCode(400)
                .body("errors.field", equalTo(List.of("language"))).body("errors[0].code", equalTo("required"));
        person.api().body(Map.of("language", List.of("fr"))).put("/api/me/language").then().statusCode(400)
                .body("code", equalTo("validation-failed")).body("errors[0].field", equalTo("language"));
        person.api().body(Map.of("language", "fr", "country", "FR")).put("/api/me/language").then().statusCode(400)
                .body("errors[0].code", equalTo("unknown-field"));
        person.api().get("/api/me").then().body("language", nullValue());

        Person unverified = Person.random("unverified").unverified();
        unverified.api().body(Map.of("language", "fr")).put("/api/me/language").then().statusCode(403)
                .body("code", equalTo("email-not-verified"));
        DealRoomFixture.anonymous().body(Map.of("language", "fr")).put("/api/me/language").then().statusCode(401);
    }

    @Test
    void emailsGoOutInTheRecipientsLanguageElseInTheirCausersElseInEnglish() {
        Person owner = Person.random("owner");
        String roomId = DealRoomFixture.createRoom(owner, "Salle Northwind");
        Person french = Person.random("acheteuse");
        choose(french, "fr", "en").statusCode(200);
        String frenchId = add(owner, roomId, french, null);

        Mail invitation = only(french);
        assertTrue(invitation.getSubject().equals(owner.name() + " vous invite dans Salle Northwind"),
                invitation.getSubject());
        assertTrue(invitation.getText().startsWith("Bonjour " + french.name() + ",\n"), invitation.getText());
        assertTrue(invitation.getText().matches("(?s).*jusqu’au \\d{1,2} (janvier|février|mars|avril|mai|juin|juillet"
                + "|août|septembre|octobre|novembre|décembre) \\d{4}\\..*"), invitation.getText());

        // never chose: the inviter's language, as their request said it
        Person english = Person.random("buyer");
        add(owner, roomId, english, "fr-FR,fr;q=0.9");
        assertTrue(only(english).getSubject().contains("vous invite dans"), only(english).getSubject());
        Person other = Person.random("buyer");
        add(owner, roomId, other, null);
        assertTrue(only(other).getSubject().equals(owner.name() + " invited you to Salle Northwind"),
                only(other).getSubject());

        // a nudge and a mention to the French recipient, from an English-speaking actor
        owner.api().header("Accept-Language", "en").body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", roomId, frenchId).then().statusCode(201);
        Mail nudge = mails(french, "vous demande de regarder").get(0);
        assertEquals(owner.name() + " vous demande de regarder vos tâches en retard — Salle Northwind",
                nudge.getSubject());
        assertTrue(nudge.getText().contains("Vous recevez cet e-mail en tant que membre de «\u00a0Salle Northwind\u00a0»"),
                nudge.getText());
        owner.api().header("Accept-Language", "en").body(Map.of("body", "Voir le devis", "mentions", List.of(frenchId)))
                .post("/api/rooms/{r}/groups/proof/posts", roomId).then().statusCode(201);
        Mail mention = mails(french, "vous a mentionné").get(0);
        assertTrue(mention.getSubject().startsWith(owner.name() + " vous a mentionné dans Preuve de concept"),
                mention.getSubject());
        assertTrue(mention.getText().contains("Voir le devis"), mention.getText());
    }

    @Test
    void theDigestIsInItsReadersLanguage() {
        Instant start = Instant.now().minusSeconds(1);
        Person owner = Person.random("owner");
        String roomId = DealRoomFixture.createRoom(owner, "Digest room");
        Person french = Person.random("lectrice");
        choose(french, "fr", "en").statusCode(200);
        add(owner, roomId, french, null);
        owner.api().body(Map.of("body", "Pricing is final", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", roomId).then().statusCode(201);

        digests.send(LocalDate.now(), start);
        Mail digest = mails(french, "Ce que vous n’avez pas vu dans Digest room").get(0);
        assertTrue(digest.getText().contains("- Preuve de concept\u00a0: 1 nouveauté, dont 1 importante\n"),
                digest.getText());
    }

    @Test
    void theHealthReasonsAndGroupLabelsOfTheCoordinationViewAreInTheCallersLanguage() {
        Person owner = Person.random("owner");
        String roomId = DealRoomFixture.createRoom(owner, "Health room");
        owner.api().body(Map.of("title", "Send the data sample", "dueDate", "2020-02-02"))
                .post("/api/rooms/{r}/groups/proof/tasks", roomId).then().statusCode(201);

        progress(owner, roomId, "fr")
                .body("health.reasons.find { it.code == 'tasks-overdue' }.text",
                        equalTo("1 tâche en retard dans Preuve de concept"))
                .body("health.reasons.code", hasItem("tasks-overdue"))
                .body("groups.find { it.key == 'proof' }.label", equalTo("Preuve de concept"))
                .body("groups.find { it.key == 'proof' }.name", equalTo("Proof of concept"));
        progress(owner, roomId, "en").body("health.reasons.find { it.code == 'tasks-overdue' }.text",
                equalTo("1 task overdue in Proof of concept"));
        choose(owner, "fr", "en").statusCode(200);
        progress(owner, roomId, "en").body("health.reasons.find { it.code == 'group-idle' }",
                        nullValue())
                .body("health.reasons.text", hasItem(containsString("tâche en retard")));
    }

    @Test
    void theOpenApiDocumentDescribesChoosingALanguage() {
        io.restassured.RestAssured.get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/me/language'.put.responses.keySet()", org.hamcrest.Matchers.hasItems("200", "400",
                        "401", "403"))
                .body("paths.'/api/me/language'.put.requestBody.content.'application/json'.schema.'$ref'",
                        containsString("LanguageRequest"))
                .body("components.schemas.LanguageRequest.properties.language.enum", equalTo(List.of("en", "fr")))
                .body("components.schemas.Me.properties.language.anyOf[0].enum", hasItem("fr"));
    }

    private static ValidatableResponse emptyRoom(Person person, String acceptLanguage) {
        var request = person.api();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return request.body(Map.of()).post("/api/rooms").then().statusCode(400);
    }

    private static ValidatableResponse choose(Person person, String language, String acceptLanguage) {
        return person.api().header("Accept-Language", acceptLanguage).body(Map.of("language", language))
                .put("/api/me/language").then();
    }

    private static ValidatableResponse progress(Person person, String roomId, String acceptLanguage) {
        return person.api().header("Accept-Language", acceptLanguage).get("/api/rooms/{r}/progress", roomId).then()
                .statusCode(200);
    }

    private static String add(Person by, String roomId, Person person, String acceptLanguage) {
        var request = by.api();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return request.body(Map.of("email", person.email(), "name", person.name(), "side", "BUYER",
                "groups", List.of("proof"))).post("/api/rooms/{r}/members", roomId).then().statusCode(201)
                .extract().path("id");
    }

    private Mail only(Person to) {
        List<Mail> mails = SentMails.to(to.email());
        assertEquals(1, mails.size(), mails.toString());
        return mails.get(0);
    }

    private List<Mail> mails(Person to, String subject) {
        List<Mail> mails = SentMails.to(to.email()).stream()
                .filter(mail -> mail.getSubject().contains(subject)).toList();
        assertTrue(!mails.isEmpty(), "no mail to " + to.email() + " about " + subject);
        return mails;
    }
}

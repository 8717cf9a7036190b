package dev.dealroom.notification;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.Emails;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;

/** Queues notification emails, each ending with where its reader chooses which emails the room sends them. */
@ApplicationScoped
class Postman {

    private final Emails emails;

    Postman(Emails emails) {
        this.emails = emails;
    }

    /** The language to write to {@code to} in: {@link NotificationService.Recipient#language}, else the request's. */
    Language languageOf(NotificationService.Recipient to) {
        return to.language() != null ? to.language() : emails.requestedLanguage();
    }

    /** Queues the email in the current transaction: it goes out once that commits. */
    void queue(NotificationService.Recipient to, Language language, Text subject, Text text) {
        emails.queue(to.email(), Messages.render(language, subject), Messages.render(language, text)
                + Messages.render(language, Text.of("email.footer", "room", to.roomName(),
                        "link", link("#/rooms/" + to.roomId() + "/settings"))));
    }

    String link(String fragment) {
        return emails.link(fragment);
    }
}

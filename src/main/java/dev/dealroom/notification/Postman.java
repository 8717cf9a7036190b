package dev.dealroom.notification;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.Emails;

/** Sends notification emails, each ending with where its reader chooses which emails the room sends them. */
@ApplicationScoped
class Postman {

    private final Emails emails;

    Postman(Emails emails) {
        this.emails = emails;
    }

    void send(NotificationService.Recipient to, String subject, String text) {
        emails.send(to.email(), subject, text + """

                --
                You get this email as a member of "%s". Choose which emails you get: %s
                """.formatted(to.roomName(), link("#/rooms/" + to.roomId() + "/settings")));
    }

    String link(String fragment) {
        return emails.link(fragment);
    }
}

package dev.dealroom.notification;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.dealroom.common.DealRoomConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Sends notification emails: plain text (people's words are never rendered as markup), each ending with where
 * to turn that kind of email off. A failed send is logged, never thrown at the change that caused it.
 */
@ApplicationScoped
class Postman {

    private static final Logger LOG = Logger.getLogger(Postman.class);

    private final Mailer mailer;
    private final DealRoomConfig config;

    Postman(Mailer mailer, DealRoomConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    void send(NotificationService.Recipient to, String subject, String text) {
        String footer = """

                --
                You get this email as a member of "%s". Choose which emails you get: %s
                """.formatted(to.roomName(), link("#/rooms/" + to.roomId() + "/settings"));
        try {
            mailer.send(Mail.withText(to.email(), subject, text + footer));
        } catch (RuntimeException e) {
            LOG.warnf(e, "An email to %s could not be sent: %s", to.email(), subject);
        }
    }

    String link(String fragment) {
        return config.publicUrl().replaceAll("/+$", "") + "/" + fragment;
    }
}

package dev.dealroom.common;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Every email Deal Room sends goes through here: plain text only (people's words are never rendered as
 * markup), links to this server's public address, and a failed send is logged, never thrown at the change
 * that caused it.
 */
@ApplicationScoped
public class Emails {

    private static final Logger LOG = Logger.getLogger(Emails.class);

    private final Mailer mailer;
    private final DealRoomConfig config;

    public Emails(Mailer mailer, DealRoomConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    public void send(String to, String subject, String text) {
        try {
            // a subject is one header line: the mailer refuses a line break in it (room names stored before
            // names had to fit on one line may hold one)
            mailer.send(Mail.withText(to, Texts.toSingleLine(subject), text));
        } catch (RuntimeException e) {
            LOG.warnf(e, "An email to %s could not be sent: %s", to, subject);
        }
    }

    /** A link into the web page, e.g. {@code link("#/rooms/42")}. */
    public String link(String fragment) {
        return config.publicUrl().replaceAll("/+$", "") + "/" + fragment;
    }
}

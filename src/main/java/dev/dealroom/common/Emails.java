package dev.dealroom.common;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.LanguagePreferences;
import dev.dealroom.common.i18n.RequestLanguage;
import io.quarkus.arc.Arc;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Every email Deal Room sends goes through here: plain text only (people's words are never rendered as
 * markup), links to this server's public address, and a failed send is logged, never thrown at the change
 * that caused it. Each goes out in its recipient's language ({@link #languageFor}).
 */
@ApplicationScoped
public class Emails {

    private static final Logger LOG = Logger.getLogger(Emails.class);

    private final Mailer mailer;
    private final DealRoomConfig config;

    private final LanguagePreferences languages;
    private final RequestLanguage requestLanguage;

    public Emails(Mailer mailer, DealRoomConfig config, LanguagePreferences languages,
            RequestLanguage requestLanguage) {
        this.mailer = mailer;
        this.config = config;
        this.languages = languages;
        this.requestLanguage = requestLanguage;
    }

    /**
     * The language of an email to {@code email}: the one its recipient chose, else the language of the person whose
     * request caused the email (their own choice, else their {@code Accept-Language}), else English (an email no
     * request caused, such as the daily digest).
     */
    public Language languageFor(String email) {
        return languages.of(email).orElseGet(() -> Arc.container().requestContext().isActive() ? requestLanguage.get()
                : Language.FALLBACK);
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

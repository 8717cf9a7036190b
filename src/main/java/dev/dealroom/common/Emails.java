package dev.dealroom.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.LanguagePreferences;
import dev.dealroom.common.i18n.RequestLanguage;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Every email Deal Room sends goes through here: plain text only (people's words are never rendered as
 * markup), links to this server's public address, each in its recipient's language ({@link #languageFor}). An
 * email is queued in the transaction of the change that causes it and sent by the {@link Outbox} once that
 * has committed: a rolled-back change sends nothing, and no request waits for the mail server, nor fails with it.
 */
@ApplicationScoped
public class Emails {

    /** The emails' {@code outbox.kind}. */
    static final String KIND = "email";

    private final EntityManager em;
    private final Outbox outbox;
    private final DealRoomConfig config;
    private final LanguagePreferences languages;
    private final RequestLanguage requestLanguage;
    private final CurrentVertxRequest request;

    public Emails(EntityManager em, Outbox outbox, DealRoomConfig config, LanguagePreferences languages,
            RequestLanguage requestLanguage, CurrentVertxRequest request) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.languages = languages;
        this.requestLanguage = requestLanguage;
        this.request = request;
    }

    /**
     * The language of an email to {@code email}: the one its recipient chose, else {@link #callersLanguage}.
     */
    public Language languageFor(String email) {
        return languages.of(email).orElseGet(this::callersLanguage);
    }

    /**
     * The language of an email to someone who never chose one: that of the person whose request caused the email
     * (their own choice, else their {@code Accept-Language}), else English (an email no request caused, such as the
     * daily digest).
     */
    public Language callersLanguage() {
        return Arc.container().requestContext().isActive() ? requestLanguage.get() : Language.FALLBACK;
    }

    /**
     * The language the current request's {@code Accept-Language} asks for, else English: for an email to someone who
     * never chose a language, caused by someone who never chose one either. Reads no database.
     */
    public Language requestedLanguage() {
        if (!Arc.container().requestContext().isActive() || request.getCurrent() == null) {
            return Language.FALLBACK;
        }
        return RequestLanguage.of(request.getCurrent().request());
    }

    /** Queues an email, rendered, in the current transaction; it goes out once that commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(String to, String subject, String text) {
        // a subject is one header line: the mailer refuses a line break in it (room names stored before names had
        // to fit on one line may hold one)
        em.createNativeQuery("insert into outbox (kind, to_address, subject, body) values ('" + KIND + "', ?1, ?2, ?3)")
                .setParameter(1, to)
                .setParameter(2, Texts.toSingleLine(subject))
                .setParameter(3, text)
                .executeUpdate();
        outbox.wakeAfterCommit();
    }

    /** A link into the web page, e.g. {@code link("#/rooms/42")}. */
    public String link(String fragment) {
        return config.publicUrl().replaceAll("/+$", "") + "/" + fragment;
    }
}

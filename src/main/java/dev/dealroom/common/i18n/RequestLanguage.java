package dev.dealroom.common.i18n;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;

import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.DealRoomConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;

/**
 * The language of the current request's answer: the language the signed-in person chose
 * ({@link LanguagePreferences}), else the best of ours in {@code Accept-Language}, else English. Worked out once per
 * request, and only when a text is written.
 */
@RequestScoped
public class RequestLanguage {

    private final SecurityIdentity identity;
    private final DealRoomConfig config;
    private final LanguagePreferences preferences;
    private final CurrentVertxRequest request;
    private Language language;

    public RequestLanguage(SecurityIdentity identity, DealRoomConfig config, LanguagePreferences preferences,
            CurrentVertxRequest request) {
        this.identity = identity;
        this.config = config;
        this.preferences = preferences;
        this.request = request;
    }

    public Language get() {
        if (language == null) {
            language = remembered().or(() -> Language.fromAcceptLanguage(acceptLanguage()))
                    .orElse(Language.FALLBACK);
        }
        return language;
    }

    /** The language the signed-in caller chose, if they are signed in with a verified email and chose one. */
    public Optional<Language> remembered() {
        if (Context.isOnEventLoopThread() || identity.isAnonymous()) {
            // refusals answered on the I/O thread (routing errors, say) wait neither for the identity nor for the
            // database: the header decides
            return Optional.empty();
        }
        try {
            return CurrentCaller.of(identity, config.identity().requireVerifiedEmail()).memberEmail()
                    .flatMap(preferences::of);
        } catch (RuntimeException e) {
            return Optional.empty(); // a token that names nobody: the header decides
        }
    }

    private String acceptLanguage() {
        return request.getCurrent() == null ? null
                : request.getCurrent().request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
    }

    /** The language a request's {@code Accept-Language} asks for: for filters that answer before any caller is known. */
    public static Language of(HttpServerRequest request) {
        return Language.fromAcceptLanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)).orElse(Language.FALLBACK);
    }

    /** The same, from the header's value. */
    public static Language ofHeader(String acceptLanguage) {
        return Language.fromAcceptLanguage(acceptLanguage).orElse(Language.FALLBACK);
    }
}

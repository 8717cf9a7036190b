package dev.dealroom.common.i18n;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The language each person chose, remembered across their rooms and logins: keyed by their verified email, the same
 * key that makes them a member. Absent until they choose.
 */
@ApplicationScoped
public class LanguagePreferences {

    private final EntityManager em;
    private final Clock clock;

    public LanguagePreferences(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** The language the person with this email chose, if they did. Its own transaction: asked after failures too. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Language> of(String email) {
        @SuppressWarnings("unchecked")
        List<String> tags = em.createNativeQuery("select language from person_language where email = ?1")
                .setParameter(1, email).getResultList();
        return tags.stream().findFirst().flatMap(Language::of);
    }

    /** Remembers (or changes) the person's choice; the last write wins, which is what a person switching means. */
    @Transactional
    public void remember(String email, Language language) {
        em.createNativeQuery("insert into person_language (email, language, chosen_at) values (?1, ?2, ?3)"
                + " on conflict (email) do update set language = excluded.language, chosen_at = excluded.chosen_at")
                .setParameter(1, email).setParameter(2, language.tag()).setParameter(3, clock.instant())
                .executeUpdate();
    }
}

package dev.dealroom.template;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Saved templates, always read for a person: theirs, and the shared ones. */
@ApplicationScoped
public class RoomTemplateRepository implements PanacheRepositoryBase<RoomTemplate, UUID> {

    /** The advisory lock space of an author's templates (two-key form, this first key). */
    private static final int LOCK_SPACE = 21_021;

    /** The person's own templates and the shared ones of others, oldest first. */
    public List<RoomTemplate> visibleTo(String email) {
        return list("authorEmail = ?1 or shared = true order by createdAt, id", email);
    }

    /** The template, if the person may see it (theirs, or shared); locked when asked. */
    public Optional<RoomTemplate> visible(UUID id, String email, boolean lock) {
        var query = find("id = ?1 and (authorEmail = ?2 or shared = true)", id, email);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResultOptional();
    }

    /** Takes the author's turn until the transaction ends: saves by one author are counted one at a time. */
    public long countLocked(String email) {
        getEntityManager().createNativeQuery("select 1 from pg_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, LOCK_SPACE).setParameter(2, email).getResultList();
        return count("authorEmail", email);
    }
}

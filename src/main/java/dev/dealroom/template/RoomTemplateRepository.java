package dev.dealroom.template;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

    /**
     * What the seller's side wrote in the room, the only part a template keeps: the ids of its seller-side members
     * (who made a task or asked a sign-off) and of the groups one of them created. A member since removed counts for
     * neither: what they wrote stays out.
     */
    public SellerWritten sellerWritten(UUID roomId) {
        var em = getEntityManager();
        @SuppressWarnings("unchecked")
        List<Object> members = em.createNativeQuery("select cast(id as text) from member where room_id = ?1"
                + " and side = 'SELLER'").setParameter(1, roomId).getResultList();
        @SuppressWarnings("unchecked")
        List<Object> groups = em.createNativeQuery("select e.data ->> 'id' from room_event e"
                + " join member m on m.id = e.actor_member_id and m.side = 'SELLER'"
                + " where e.room_id = ?1 and e.type = 'group.created'").setParameter(1, roomId).getResultList();
        return new SellerWritten(members.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet()),
                groups.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet()));
    }

    /** @see #sellerWritten */
    public record SellerWritten(Set<String> memberIds, Set<String> groupIds) {
    }

    /** Takes the author's turn until the transaction ends: saves by one author are counted one at a time. */
    public long countLocked(String email) {
        getEntityManager().createNativeQuery("select 1 from pg_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, LOCK_SPACE).setParameter(2, email).getResultList();
        return count("authorEmail", email);
    }
}

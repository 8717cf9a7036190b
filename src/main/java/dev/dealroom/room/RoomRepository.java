package dev.dealroom.room;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.SqlValues;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    /** The rooms with these ids, soonest decision first. */
    public List<Room> listByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return list("id in ?1", Sort.by("targetDecisionDate").and("name"), ids);
    }

    /** How many rooms the person with this email opened (is the owner of) since {@code since}; the first one's time. */
    public Opened openedBy(String ownerEmail, Instant since) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("select count(*), min(r.created_at)"
                + " from room r join member m on m.room_id = r.id"
                + " where m.owner and m.email = ?1 and r.created_at > ?2")
                .setParameter(1, ownerEmail).setParameter(2, since).getSingleResult();
        return new Opened(((Number) row[0]).longValue(), row[1] == null ? null : SqlValues.instant(row[1]));
    }

    /** The room's newest seq, as the event log has bumped it (the entity's copy is read-only). */
    public long lastSeq(UUID roomId) {
        return ((Number) getEntityManager().createNativeQuery("select last_seq from room where id = ?1")
                .setParameter(1, roomId).getSingleResult()).longValue();
    }

    /** Rooms opened in a period: how many, and when the first of them was. */
    public record Opened(long count, Instant first) {
    }
}

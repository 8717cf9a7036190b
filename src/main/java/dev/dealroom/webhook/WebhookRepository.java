package dev.dealroom.webhook;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class WebhookRepository implements PanacheRepositoryBase<Webhook, UUID> {

    /** The room's subscriptions, oldest first (a room has few: {@code dealroom.webhooks.max-per-room}). */
    public List<Webhook> listInRoom(UUID roomId) {
        return find("roomId", Sort.by("createdAt").and("id"), roomId).list();
    }

    /** The room's enabled subscriptions: those an event of the room is matched against. */
    public List<Webhook> enabledInRoom(UUID roomId) {
        return find("roomId = ?1 and enabled = true", roomId).list();
    }

    public Optional<Webhook> findInRoom(UUID roomId, UUID id) {
        return find("roomId = ?1 and id = ?2", roomId, id).firstResultOptional();
    }

    /** The subscription, row-locked until the transaction ends, so that two changes of it take turns. */
    public Optional<Webhook> lockInRoom(UUID roomId, UUID id) {
        return find("roomId = ?1 and id = ?2", roomId, id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /**
     * Makes the room's creates of subscriptions take turns until the transaction ends, so that two at once cannot
     * both pass the room's limit; nothing else waits on it (events do not).
     */
    public void serialiseCreatesIn(UUID roomId) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended('webhook:' || ?1, 0))")
                .setParameter(1, roomId.toString()).getSingleResult();
    }
}

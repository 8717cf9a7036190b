package dev.dealroom.webhook;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.Outbox;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventEnvelope;
import dev.dealroom.event.EventType;

/**
 * Queues the webhook deliveries of each event in the outbox, inside the transaction that appends the event: they go
 * out once it commits, never for one rolled back, and a crash after the commit loses none.
 *
 * <p>A room's subscription is sealed as its creator's WebSocket is: it gets the event exactly as the access policy
 * lets the creator see it at this moment ({@link AccessPolicy#visibleEvent}), or nothing. A subscription whose
 * creator has left the room, or no longer holds {@link Action#WEBHOOK_MANAGE}, is disabled here, at the room's next
 * event, and receives nothing more. The installation's subscription ({@code dealroom.webhooks.installation}) gets
 * every event of every room as it is, wherever it points: the operator's choice.
 */
@ApplicationScoped
class WebhookQueue {

    private final WebhookRepository webhooks;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final EntityManager em;
    private final ObjectMapper json;
    private final DealRoomConfig.Webhooks config;
    private final WebhookTargets targets;

    WebhookQueue(WebhookRepository webhooks, AccessPolicy access, Outbox outbox, EntityManager em, ObjectMapper json,
            DealRoomConfig config, WebhookTargets targets) {
        this.webhooks = webhooks;
        this.access = access;
        this.outbox = outbox;
        this.em = em;
        this.json = json;
        this.config = config.webhooks();
        this.targets = targets;
    }

    /** A wrong installation subscription stops the start, rather than failing every delivery later. */
    @PostConstruct
    void checkInstallation() {
        DealRoomConfig.Webhooks.Installation installation = config.installation();
        if (installation.url().isEmpty()) {
            return;
        }
        // the operator's own endpoint may be inside their network: only its form is checked
        targets.malformed(installation.url().get()).ifPresent(refused -> {
            throw new IllegalArgumentException("dealroom.webhooks.installation.url is not allowed: " + refused);
        });
        if (!WebhookSignature.wellFormed(installation.secret().orElse(null))) {
            throw new IllegalArgumentException("dealroom.webhooks.installation.secret must be whsec_ and at least 24"
                    + " random bytes in base64");
        }
        for (String type : installation.eventTypes()) {
            if (!type.equals(Webhook.EVERY_TYPE) && EventType.ofWireName(type).isEmpty()) {
                throw new IllegalArgumentException("dealroom.webhooks.installation.event-types: unknown type " + type);
            }
        }
    }

    void appended(@Observes EventCommitted event) {
        if (!QuarkusTransaction.isActive()) {
            // A write of one statement (common.OneStatement) committed it alone; it takes none in a room with an
            // enabled subscription, nor anywhere while the installation has one: there is nothing to queue.
            return;
        }
        List<Webhook> subscribed = webhooks.enabledInRoom(event.roomId());
        boolean installation = config.installation().url().isPresent()
                && wants(config.installation().eventTypes(), event.type().wireName());
        if (subscribed.isEmpty() && !installation) {
            return;
        }
        EventEnvelope envelope = envelope(event);
        for (Webhook webhook : subscribed) {
            RoomAccess creator = webhook.createdBy == null ? null
                    : access.accessOf(event.roomId(), webhook.createdBy).orElse(null);
            if (creator == null || !access.holds(creator.me(), Action.WEBHOOK_MANAGE)) {
                // Two columns, not the whole row read unlocked above: a manager's change made meanwhile stays.
                em.createNativeQuery("update webhook set enabled = false, disabled_reason = ?2"
                        + " where id = ?1 and enabled")
                        .setParameter(1, webhook.id)
                        .setParameter(2, (creator == null ? DisabledReason.CREATOR_LEFT
                                : DisabledReason.CREATOR_NOT_MANAGER).wireName())
                        .executeUpdate();
                continue;
            }
            if (webhook.wants(event.type().wireName())) {
                access.visibleEvent(creator, envelope).ifPresent(seen -> queue(webhook.id, seen));
            }
        }
        if (installation) {
            queue(null, envelope);
        }
    }

    private static boolean wants(List<String> types, String type) {
        return types.contains(Webhook.EVERY_TYPE) || types.contains(type);
    }

    private void queue(UUID webhookId, EventEnvelope event) {
        em.createNativeQuery("insert into outbox (kind, webhook_id, room_id, event_seq, event_type, message_id, body)"
                + " values ('" + WebhookCourier.KIND + "', cast(?1 as uuid), ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, webhookId == null ? null : webhookId.toString())
                .setParameter(2, event.roomId())
                .setParameter(3, event.seq())
                .setParameter(4, event.type())
                .setParameter(5, "msg_" + UUID.randomUUID().toString().replace("-", ""))
                .setParameter(6, write(event))
                .executeUpdate();
        outbox.wakeAfterCommit();
    }

    private EventEnvelope envelope(EventCommitted event) {
        try {
            return event.envelope(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The event's stored payload is not JSON", e);
        }
    }

    private String write(EventEnvelope event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event cannot be written as JSON", e);
        }
    }
}

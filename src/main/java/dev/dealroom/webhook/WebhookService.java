package dev.dealroom.webhook;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.Outbox;
import dev.dealroom.common.SqlValues;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.event.EventType;

/**
 * A room's webhooks: its managers ({@link Action#WEBHOOK_MANAGE}) subscribe endpoints of other systems to the room's
 * events, each with its own signing secret, shown once; they see every subscription of the room and its delivery log
 * ({@link Action#WEBHOOK_VIEW}: event numbers, types and statuses, never content — the figures steering members see of
 * every group anyway), and may send a delivery again. What a subscription receives is its creator's view of the
 * room ({@link WebhookQueue}).
 */
@ApplicationScoped
public class WebhookService {

    /** The most deliveries a log answers, newest first. */
    static final int LOG_LIMIT = 100;

    private final WebhookRepository webhooks;
    private final AccessPolicy access;
    private final Idempotency idempotency;
    private final WebhookTargets targets;
    private final Outbox outbox;
    private final EntityManager em;
    private final DealRoomConfig config;
    private final Clock clock;

    public WebhookService(WebhookRepository webhooks, AccessPolicy access, Idempotency idempotency,
            WebhookTargets targets, Outbox outbox, EntityManager em, DealRoomConfig config, Clock clock) {
        this.webhooks = webhooks;
        this.access = access;
        this.idempotency = idempotency;
        this.targets = targets;
        this.outbox = outbox;
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public List<WebhookView> list(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.WEBHOOK_VIEW);
        return webhooks.listInRoom(room.roomId()).stream().map(webhook -> WebhookView.of(webhook, false)).toList();
    }

    @Transactional
    public WebhookView get(Caller caller, String roomId, String webhookId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.WEBHOOK_VIEW);
        return WebhookView.of(find(room, webhookId), false);
    }

    /** Subscribes an endpoint; the answer holds its secret, which is never shown again. */
    @Transactional
    public WebhookView create(Caller caller, String roomId, CreateWebhookRequest request, String idempotencyKey) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.WEBHOOK_MANAGE);
        return idempotency.once(caller, "webhook.create", room.roomId().toString(),
                Idempotency.key(request.clientId(), idempotencyKey), request, WebhookView.class,
                () -> create(room, request));
    }

    private WebhookView create(RoomAccess room, CreateWebhookRequest request) {
        Webhook webhook = new Webhook();
        webhook.id = Ids.newId();
        webhook.roomId = room.roomId();
        webhook.createdBy = room.me().id();
        webhook.createdByName = room.me().name();
        webhook.url = url(request.url());
        webhook.eventTypes = eventTypes(request.eventTypes());
        webhook.description = Inputs.blankToNull(request.description());
        webhook.secret = WebhookSignature.newSecret();
        webhook.enabled = !Boolean.FALSE.equals(request.enabled());
        webhook.createdAt = clock.instant();
        webhooks.serialiseCreatesIn(room.roomId());
        int max = config.webhooks().maxPerRoom();
        if (webhooks.count("roomId", room.roomId()) >= max) {
            throw new ApiException(ProblemCode.WEBHOOK_LIMIT, Text.of("detail.webhook-limit", "max", max));
        }
        webhooks.persist(webhook);
        return WebhookView.of(webhook, true);
    }

    /**
     * Changes a subscription. Enabling one the server disabled asks that its creator may still manage webhooks in the
     * room: it would receive their view of the room, and nobody else's (409 otherwise: create another).
     */
    @Transactional
    public WebhookView update(Caller caller, String roomId, String webhookId, UpdateWebhookRequest request) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.WEBHOOK_MANAGE);
        Webhook webhook = lock(room, webhookId);
        // Where a subscription sends, and what, are its creator's: it carries what they see, which another manager
        // may not (a decision-maker outside proof must not point the owner's subscription at their own server).
        if ((request.url() != null || request.eventTypes() != null) && !room.me().id().equals(webhook.createdBy)) {
            throw new ApiException(ProblemCode.FORBIDDEN, Text.of("detail.webhook-target-creator-only"));
        }
        if (request.url() != null) {
            webhook.url = url(request.url());
        }
        if (request.eventTypes() != null) {
            webhook.eventTypes = eventTypes(request.eventTypes());
        }
        if (request.description() != null) {
            webhook.description = Inputs.blankToNull(request.description());
        }
        if (Boolean.TRUE.equals(request.enabled()) && !webhook.enabled) {
            boolean creatorManages = webhook.createdBy != null && access.accessOf(room.roomId(), webhook.createdBy)
                    .filter(creator -> access.holds(creator.me(), Action.WEBHOOK_MANAGE)).isPresent();
            if (!creatorManages) {
                throw new ApiException(ProblemCode.WEBHOOK_CREATOR_GONE, webhook.createdByName == null
                        ? Text.of("detail.webhook-creator-erased")
                        : Text.of("detail.webhook-creator-gone", "name", webhook.createdByName));
            }
            webhook.enabled = true;
            webhook.disabledReason = null;
        } else if (Boolean.FALSE.equals(request.enabled())) {
            webhook.enabled = false;
        }
        return WebhookView.of(webhook, false);
    }

    /** Deletes a subscription and its log; what it had still to send is not sent. */
    @Transactional
    public void delete(Caller caller, String roomId, String webhookId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.WEBHOOK_MANAGE);
        webhooks.delete(lock(room, webhookId));
    }

    @Transactional
    public List<DeliveryView> deliveries(Caller caller, String roomId, String webhookId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.WEBHOOK_VIEW);
        Webhook webhook = find(room, webhookId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + DELIVERY_COLUMNS + " from outbox where webhook_id = ?1"
                + " order by id desc limit ?2").setParameter(1, webhook.id).setParameter(2, LOG_LIMIT).getResultList();
        return rows.stream().map(WebhookService::delivery).toList();
    }

    /**
     * Sends a delivery again, with its {@code webhook-id}, so that a receiver that had it already can tell: at once,
     * with every attempt its retries allow. A delivery still waiting is made due now.
     */
    @Transactional
    public DeliveryView redeliver(Caller caller, String roomId, String webhookId, String deliveryId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.WEBHOOK_MANAGE);
        Webhook webhook = lock(room, webhookId);
        if (!webhook.enabled) {
            throw new ApiException(ProblemCode.WEBHOOK_DISABLED, Text.of("detail.webhook-disabled"));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("update outbox set delivered_at = null, failed_at = null,"
                + " attempts = 0, next_attempt_at = now() where webhook_id = ?1 and message_id = ?2 returning "
                + DELIVERY_COLUMNS).setParameter(1, webhook.id).setParameter(2, deliveryId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound();
        }
        outbox.wakeAfterCommit();
        return delivery(rows.get(0));
    }

    private static final String DELIVERY_COLUMNS = "message_id, event_seq, event_type, attempts, last_status,"
            + " last_error, case when delivered_at is null and failed_at is null then next_attempt_at end,"
            + " delivered_at, failed_at, created_at";

    private static DeliveryView delivery(Object[] row) {
        return new DeliveryView((String) row[0], ((Number) row[1]).longValue(), (String) row[2],
                ((Number) row[3]).intValue(), row[4] == null ? null : ((Number) row[4]).intValue(), (String) row[5],
                SqlValues.instant(row[6]), SqlValues.instant(row[7]), SqlValues.instant(row[8]),
                SqlValues.instant(row[9]));
    }

    private Webhook find(RoomAccess room, String webhookId) {
        return Ids.parse(webhookId).flatMap(id -> webhooks.findInRoom(room.roomId(), id))
                .orElseThrow(ApiException::notFound);
    }

    private Webhook lock(RoomAccess room, String webhookId) {
        return Ids.parse(webhookId).flatMap(id -> webhooks.lockInRoom(room.roomId(), id))
                .orElseThrow(ApiException::notFound);
    }

    private String url(String url) {
        String stripped = url.strip();
        Optional<String> refused = targets.refusal(stripped);
        if (refused.isPresent()) {
            String message = switch (refused.get()) {
                case "url-scheme" -> "field.webhook-url-scheme";
                case "url-private" -> "field.webhook-url-private";
                default -> "field.webhook-url-invalid";
            };
            throw ApiException.invalidField("url", refused.get(), Text.of(message));
        }
        return stripped;
    }

    /** The types, each a known wire name, without repeats; {@code *} alone when it is among them. */
    private static String[] eventTypes(List<String> types) {
        Set<String> known = new LinkedHashSet<>();
        for (String type : types) {
            String wireName = Objects.requireNonNull(type).strip();
            if (wireName.equals(Webhook.EVERY_TYPE)) {
                return new String[] { Webhook.EVERY_TYPE };
            }
            if (EventType.ofWireName(wireName).isEmpty()) {
                throw ApiException.invalidField("eventTypes", "unknown-event-type",
                        Text.of("field.webhook-event-type", "type", wireName));
            }
            known.add(wireName);
        }
        return known.toArray(String[]::new);
    }
}

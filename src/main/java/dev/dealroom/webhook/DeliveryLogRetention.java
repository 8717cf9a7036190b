package dev.dealroom.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

import dev.dealroom.common.DealRoomConfig;

/**
 * Forgets deliveries delivered or given up longer ago than {@code dealroom.webhooks.log-retention}: the logs show
 * what happened lately, and the outbox stays small. Every node may run it; a second run finds nothing.
 */
@ApplicationScoped
class DeliveryLogRetention {

    private final EntityManager em;
    private final DealRoomConfig config;

    DeliveryLogRetention(EntityManager em, DealRoomConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", identity = "webhook-log-retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        // the expression of the index outbox_webhook_done, so that it is used
        em.createNativeQuery("delete from outbox where kind = 'webhook'"
                + " and coalesce(delivered_at, failed_at) < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) config.webhooks().logRetention().toSeconds()).executeUpdate();
    }
}

package dev.dealroom.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.dealroom.common.Courier;
import dev.dealroom.common.DealRoomConfig;

/**
 * Sends the outbox's webhook deliveries: one signed {@code POST} of the event's JSON per attempt, to the
 * subscription's URL as it is now (or the installation's), with the Standard Webhooks headers. The
 * {@code webhook-id} is the delivery's, the same on every attempt and redelivery, so a receiver drops what it has
 * already had; the timestamp and the signature are the attempt's. Any 2xx answer delivers it; anything else, a
 * redirect included (none is followed), a timeout or no connection is a failed attempt, tried again later. A
 * delivery whose subscription was disabled, or whose address is refused, is given up at once.
 */
@ApplicationScoped
class WebhookCourier implements Courier {

    static final String KIND = "webhook";

    private final EntityManager em;
    private final WebhookTargets targets;
    private final DealRoomConfig.Webhooks config;
    private final Clock clock;
    private final HttpClient client;

    WebhookCourier(EntityManager em, WebhookTargets targets, DealRoomConfig config, Clock clock) {
        this.em = em;
        this.targets = targets;
        this.config = config.webhooks();
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.timeout())
                .build();
    }

    /** Where a delivery goes, with what it is signed. */
    private record Target(String url, String secret) {
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Result send(Parcel delivery) {
        Target target;
        if (delivery.webhookId() == null) {
            target = new Target(config.installation().url().orElse(null), config.installation().secret().orElse(null));
            if (target.url() == null) {
                return Result.givenUp("The installation's webhook is no longer configured");
            }
        } else {
            Optional<Target> subscribed = subscription(delivery);
            if (subscribed.isEmpty()) {
                return Result.givenUp("The subscription is disabled");
            }
            target = subscribed.get();
        }
        URI uri = URI.create(target.url());
        // a room's managers may not make the server call into its network; the operator's own webhook may
        Optional<String> refused = delivery.webhookId() == null ? Optional.empty() : targets.refusalToCall(uri);
        if (refused.isPresent()) {
            return Result.givenUp(refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("content-type", "application/json")
                .header("user-agent", "DealRoom-Webhooks")
                .header("webhook-id", delivery.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(target.secret(), delivery.messageId(), timestamp,
                        delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // the answer's body is not read: closing it unread bounds what a receiver can make this thread wait for
            response.body().close();
            int status = response.statusCode();
            return status >= 200 && status < 300 ? Result.delivered(status)
                    : Result.failed(status, "The receiver answered HTTP " + status);
        } catch (IOException e) {
            return Result.failed(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(null, "Interrupted: the server is stopping");
        }
    }

    private Optional<Target> subscription(Parcel delivery) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select url, secret from webhook where id = ?1 and enabled")
                .setParameter(1, delivery.webhookId()).getResultList());
        return rows.stream().map(row -> (Object[]) row).map(row -> new Target((String) row[0], (String) row[1]))
                .findFirst();
    }

    @Override
    public int maxAttempts() {
        return config.maxAttempts();
    }

    @Override
    public Duration firstWait() {
        return config.firstWait();
    }

    @Override
    public Duration longestWait() {
        return config.longestWait();
    }

    @Override
    public boolean keepsDelivered() {
        return true; // the subscription's delivery log
    }

    @Override
    public String describe(Parcel delivery) {
        return "The webhook delivery " + delivery.messageId() + " (" + delivery.eventType() + ", seq "
                + delivery.eventSeq() + " of room " + delivery.roomId() + (delivery.webhookId() == null
                        ? ", the installation's)" : ", subscription " + delivery.webhookId() + ")");
    }
}

package dev.dealroom.common;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Deal Room's own settings, under the {@code dealroom.} prefix (environment: {@code DEALROOM_…}). */
@ConfigMapping(prefix = "dealroom")
public interface DealRoomConfig {

    /** How logins are matched to room members. */
    Identity identity();

    /** Limits of the HTTP API. */
    Api api();

    /** Live delivery over WebSockets. */
    Live live();

    /** The room event logs. */
    Events events();

    /** Documents shared in groups. */
    Documents documents();

    /** The coordination view's health rules. */
    Progress progress();

    /** Engagement signals of the buyer's side and the owner's alerts about key buyers. */
    Engagement engagement();

    /** Invitations sent to people added to a room. */
    Invitations invitations();

    /** Rooms once their deal is decided. */
    Rooms rooms();

    /** Email notifications. */
    Notifications notifications();

    /**
     * The outbox every email and webhook delivery leaves through: queued with the change that causes it, sent in the
     * background.
     */
    Outbox outbox();

    /** Webhooks: rooms' events sent to other systems (a CRM, a chat), signed, retried. */
    Webhooks webhooks();

    /** How much one login may do: past a limit, requests answer 429 {@code rate-limited} with {@code Retry-After}. */
    Limits limits();

    /** What the readiness check reports to operators ({@code /q/health/ready}). */
    Health health();

    /** Traces sent to an OpenTelemetry collector: off unless an endpoint is set. */
    Traces traces();

    interface Health {
        /**
         * An email still unsent this long after it was queued makes the readiness check report the outbox as
         * {@code stale} (the node stays ready: the check reports it as data, see the README's Operations section).
         */
        @WithDefault("30m")
        Duration outboxStaleAfter();
    }

    interface Traces {
        /**
         * The OTLP endpoint of an OpenTelemetry collector (gRPC, e.g. {@code http://otel-collector:4317}). Unset, the
         * tracing SDK stays disabled and nothing is sent anywhere; set, every node exports its traces there
         * ({@link TracesSwitch}).
         */
        Optional<String> endpoint();
    }

    interface Limits {
        /**
         * Write requests ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under {@code /api}) one login may
         * make per minute, counted across all nodes. A person at the page never comes near it, nor does a script
         * importing a plan of a few hundred tasks; a script posting in a loop is slowed to this pace.
         */
        @WithDefault("300")
        int writesPerMinute();

        /** Rooms one login may open in any 24 hours, counted across all nodes. */
        @WithDefault("50")
        int roomsPerDay();

        /**
         * Invitation emails one address may be sent in any hour, across every room, the first one (sent when a
         * member is added) included; past it, resending and adding a member with that address answer 429, so
         * nobody's mailbox can be flooded through rooms. Counted by address, so removing and re-adding a member
         * does not start again (the name is kept for existing configurations).
         */
        @WithDefault("5")
        int invitationsPerMemberPerHour();

        /**
         * Exports (a room's ZIP, or one's own data from every room) one login may download in any hour, across all
         * nodes: each reads the whole room, documents included, so a script cannot loop on them.
         */
        @WithDefault("20")
        int exportsPerHour();

        /** Unused, unexpired WebSocket tickets one login may hold at once, across all nodes. */
        @WithDefault("10")
        int liveTicketsPerLogin();

        /**
         * WebSockets one login may have open to one room, on each node (sockets live on a node): one per open
         * tab, with room for tabs whose old socket the server has not yet seen go. The next upgrade answers 429.
         */
        @WithDefault("20")
        int socketsPerRoom();

        /**
         * How long a client has to send a request's headers: from the moment its connection opens, or from the
         * first byte of its next request on a kept-alive connection. A connection that is slower is closed without
         * an answer. A kept-alive connection waiting for its next request is not affected; {@code 0} turns it off.
         * Headers come in one round trip from a browser or a proxy; 20 s leaves a slow mobile link its
         * retransmissions (Apache httpd's default is also 20 s) while still freeing a trickled connection long
         * before nginx's 60 s would.
         */
        @WithDefault("20s")
        Duration headerTimeout();
    }

    interface Notifications {
        /** When the daily digest goes out (a Quarkus cron expression, in {@code dealroom.time-zone}). */
        @WithDefault("0 0 7 * * ?")
        String digestCron();
    }

    interface Outbox {
        /**
         * How often each node looks for emails and webhook deliveries due: those queued on another node that did not
         * send them, those left by a restart, and retries whose wait is over. A node sends what its own commits queue
         * at once.
         */
        @WithDefault("10s")
        Duration pollInterval();

        /**
         * The most emails and webhook deliveries one node claims at a time; it claims again while a claim comes back
         * full.
         */
        @WithDefault("50")
        int batchSize();

        /**
         * Attempts to send an email before it is given up (kept, marked failed, logged). The waits between them
         * double from one minute up to an hour: the default tries for about four hours.
         */
        @WithDefault("10")
        int maxAttempts();
    }

    interface Webhooks {
        /**
         * Whether a webhook may target a loopback, private, link-local or otherwise internal address. Off: a room's
         * managers cannot make this server call into its own network (SSRF); an address is checked when a
         * subscription is saved and again, resolved, before each attempt. Tests turn it on for their local receiver.
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How long one delivery attempt may take, connecting and answering included; a slower receiver failed. */
        @WithDefault("10s")
        Duration timeout();

        /** The wait after a delivery's first failed attempt; it doubles after each further failure. */
        @WithDefault("30s")
        Duration firstWait();

        /** The longest wait between two attempts of a delivery. */
        @WithDefault("4h")
        Duration longestWait();

        /**
         * Attempts of a delivery before it is given up (kept as failed in the subscription's log, which a manager
         * may redeliver). With the default waits, fourteen attempts span about twenty hours.
         */
        @WithDefault("14")
        int maxAttempts();

        /** The most subscriptions one room may have. */
        @WithDefault("10")
        int maxPerRoom();

        /** How long delivered and given-up deliveries stay in the subscriptions' logs. */
        @WithDefault("30d")
        Duration logRetention();

        /** The installation's own subscription, which receives every room's events, unsealed. */
        Installation installation();

        interface Installation {
            /**
             * Where every room's events are sent (http or https, any address: {@code allow-private-targets} is for
             * the rooms' webhooks); none when empty.
             */
            Optional<String> url();

            /**
             * The secret that signs them: {@code whsec_} then at least 24 random bytes in base64 (for example
             * {@code echo whsec_$(openssl rand -base64 32)}). Required with {@code url}.
             */
            Optional<String> secret();

            /** The event types sent (wire names such as {@code task.updated}), or {@code *} for every type. */
            @WithDefault("*")
            List<String> eventTypes();
        }
    }

    /**
     * The zone of the server's calendar: when "today" starts for overdue tasks and the coordination view, the day
     * a nudge counts against, and the day and hour of the daily digest. One zone for the whole server, read
     * by the one {@link java.time.Clock} everything asks ({@link Clocks}).
     */
    @WithDefault("UTC")
    ZoneId timeZone();

    /**
     * Whether production serves the API's description, {@code /q/openapi} and the Swagger UI at {@code /q/swagger-ui}
     * (dev and test always do). Off by default: production exposes only the product; integrators get the document
     * from a development build, or from a server where this is switched on.
     */
    @WithDefault("false")
    boolean apiDocs();

    /** Where people reach this server: the links in emails point there. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    interface Rooms {
        /**
         * How long the buyer's side keeps reading a room after its deal was won or lost (the seller's side keeps it):
         * after that, the room answers them 410 {@code room-access-ended} with the dates, and leaves their lists.
         */
        @WithDefault("30d")
        Duration buyerAccessAfterClose();
    }

    interface Invitations {
        /** How long an invitation link can be used. */
        @WithDefault("14d")
        java.time.Duration ttl();
    }

    interface Identity {
        /**
         * Whether a login must carry {@code email_verified=true} to act as the member with that email. Keep it on
         * in production: an unverified email would let anyone claim anyone's seat. Off only for the dev-mode OIDC
         * server, which issues no {@code email_verified} claim.
         */
        @WithDefault("true")
        boolean requireVerifiedEmail();

        /**
         * The clients a bearer token must be meant for: its {@code aud} names one of them, or its {@code azp} is
         * one. Unset, this server's own client ({@code quarkus.oidc.client-id}). {@code any} accepts every access
         * token the provider signs: only for the dev-mode provider, whose access tokens carry neither claim.
         * Whatever the list, an ID or refresh token ({@code typ} other than {@code Bearer}) is never accepted.
         */
        Optional<List<String>> tokenAudiences();
    }

    interface Api {
        /**
         * The largest JSON request body accepted, in bytes, with a {@code Content-Length} or sent in chunks; larger
         * ones answer 413 {@code payload-too-large}.
         */
        @WithDefault("262144")
        long maxJsonBytes();

        /**
         * The longest request URI (path and query) accepted, in characters; longer ones answer 414
         * {@code uri-too-long}. Keep {@code quarkus.http.limits.max-initial-line-length} well above it: the HTTP
         * decoder refuses a longer request line itself, with a bare 414.
         */
        @WithDefault("4096")
        int maxUriLength();

        /**
         * The largest header section accepted, in bytes (names, values and separators); larger ones answer 431
         * {@code headers-too-large}. Keep {@code quarkus.http.limits.max-header-size} well above it: the HTTP
         * decoder refuses larger headers itself, with a bare 431.
         */
        @WithDefault("20480")
        int maxHeaderBytes();
    }

    interface Live {
        /**
         * Browser origins allowed to open WebSockets besides the server's own (e.g. {@code https://app.example.com}).
         * A request with any other {@code Origin} is refused, against cross-site WebSocket hijacking.
         */
        Optional<List<String>> allowedOrigins();

        /** How long a WebSocket ticket from {@code POST /api/rooms/{id}/live-tickets} stays valid. */
        @WithDefault("30s")
        Duration ticketTtl();

        /**
         * The most messages one connection may have waiting to be written; a client that falls further behind
         * is closed with code 4001 and resumes with {@code since}.
         */
        @WithDefault("1000")
        int outboundQueueLimit();

        /** How often each node reads the logs of its rooms in case a wake-up notification was lost. */
        @WithDefault("2s")
        Duration catchUpInterval();

        /** How often a node renews its presence rows; rows of a node silent for three periods are dropped. */
        @WithDefault("10s")
        Duration presenceHeartbeat();

        /** Threads that read logs and push events to the node's connections. */
        @WithDefault("4")
        int dispatchThreads();

        /**
         * Threads that admit WebSocket upgrades, each with a database connection while it works: a crowd reconnecting
         * at once (after a restart) queues for these, and leaves the other connections of the pool to requests and
         * health checks.
         */
        @WithDefault("4")
        int admissionThreads();
    }

    interface Events {
        /**
         * How long events are kept; unset keeps everything. A client resuming from a pruned seq is told to
         * resync (reload the room's state).
         */
        Optional<Duration> retention();
    }

    interface Documents {
        /**
         * The largest document accepted, in bytes; larger uploads answer 413. Keep
         * {@code quarkus.http.limits.max-body-size} a little above it.
         */
        @WithDefault("26214400")
        long maxBytes();

        /**
         * The media types documents may have, as detected from their content (not as declared); a file of any other
         * type answers 400 ({@code type-not-allowed} on {@code file}).
         */
        @WithDefault("application/pdf,text/plain,text/csv,image/png,image/jpeg,image/gif,image/webp,"
                + "application/msword,application/vnd.ms-excel,application/vnd.ms-powerpoint,"
                + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                + "application/vnd.openxmlformats-officedocument.presentationml.presentation")
        List<String> allowedTypes();
    }

    interface Progress {
        /** A workstream with no event for this long is reported idle. */
        @WithDefault("7d")
        Duration idleAfter();

        /** A key update a member has not seen for this long is reported. */
        @WithDefault("2d")
        Duration unseenAfter();
    }

    interface Engagement {
        /** Opening the room again within this time of the previous opening is the same visit. */
        @WithDefault("30m")
        Duration visitGap();

        /** A member whose last visit is older than this is {@code COOLING}. */
        @WithDefault("3d")
        Duration coolingAfter();

        /** A member whose last visit is older than this is {@code QUIET}; a key buyer quiet this long alerts the owner. */
        @WithDefault("7d")
        Duration quietAfter();

        /** How often each node looks for key buyers gone quiet or back (a Quarkus {@code every} duration). */
        @WithDefault("5m")
        String checkEvery();
    }
}

package dev.dealroom.event.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.BearerTokens;
import dev.dealroom.access.Caller;
import dev.dealroom.access.CurrentCaller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.VerifiedTokens;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.Origins;
import dev.dealroom.common.RateLimits;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.RateLimitedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Decides at the HTTP upgrade who may open a room's WebSocket: a browser {@code Origin} must be the server's
 * own or allowlisted (403), the caller must present a bearer token or a ticket (401), and must be a member of
 * the room (404, as for a room that does not exist), with fewer sockets open to it than a login may (429 with
 * {@code Retry-After}).
 */
@ApplicationScoped
public class RoomSocketAdmission implements HttpUpgradeCheck {

    static final UserData.TypedKey<RoomAccess> ACCESS = new UserData.TypedKey<>("dealroom.access");
    static final UserData.TypedKey<Long> SINCE = UserData.TypedKey.forLong("dealroom.since");
    /** When the login the socket was opened with expires; absent if its token has no expiry. */
    static final UserData.TypedKey<Instant> SESSION_ENDS = new UserData.TypedKey<>("dealroom.sessionEnds");

    private static final String BEARER = "Bearer ";

    private final AccessPolicy access;
    private final LiveTicketService tickets;
    private final TenantIdentityProvider tokens;
    private final BearerTokens bearerTokens;
    private final VerifiedTokens verifiedTokens;
    private final Origins origins;
    private final DealRoomConfig config;
    private final RateLimits limits;
    private final RoomHub hub;
    /** Where admissions wait their turn: see {@link DealRoomConfig.Live#admissionThreads()}. */
    private final ExecutorService admissions;

    public RoomSocketAdmission(AccessPolicy access, LiveTicketService tickets, TenantIdentityProvider tokens,
            BearerTokens bearerTokens, VerifiedTokens verifiedTokens, Origins origins, DealRoomConfig config,
            RateLimits limits, RoomHub hub) {
        this.access = access;
        this.tickets = tickets;
        this.tokens = tokens;
        this.bearerTokens = bearerTokens;
        this.verifiedTokens = verifiedTokens;
        this.origins = origins;
        this.config = config;
        this.limits = limits;
        this.hub = hub;
        this.admissions = Executors.newFixedThreadPool(config.live().admissionThreads(),
                RoomHub.daemon("dealroom-admission"));
    }

    @PreDestroy
    void stop() {
        admissions.shutdownNow();
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return RoomSocket.ENDPOINT.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (!origins.allowed(request)) {
            return CheckResult.rejectUpgrade(403);
        }
        Optional<Long> since = since(request.getParam("since"));
        if (since.isEmpty()) {
            return CheckResult.rejectUpgrade(400);
        }
        String roomId = context.pathParam("roomId");
        String ticket = request.getParam("ticket");
        String authorization = request.getHeader("Authorization");
        Uni<RoomAccess> admitted;
        if (ticket != null) {
            // Redeemed in the admission's transaction: an upgrade refused past the ticket leaves it unused.
            admitted = blocking(() -> QuarkusTransaction.requiringNew().call(() -> admit(context,
                    tickets.redeem(ticket, roomId).orElseThrow(UnauthorizedException::new), roomId, since.get())));
        } else if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            // Verified like any API request's token, but without the HTTP layer answering on our behalf.
            String token = authorization.substring(BEARER.length()).strip();
            admitted = verifiedTokens.recall(token).map(identity -> Uni.createFrom().item(identity))
                    .orElseGet(() -> tokens.authenticate(new AccessTokenCredential(token)).map(bearerTokens::accept))
                    .map(identity -> new LiveTicketService.Admitted(caller(identity),
                            CurrentCaller.sessionEnds(identity)))
                    .chain(who -> blocking(() -> QuarkusTransaction.requiringNew()
                            .call(() -> admit(context, who, roomId, since.get()))));
        } else {
            return CheckResult.rejectUpgrade(401);
        }
        return admitted
                .map(room -> CheckResult.permitUpgradeSync())
                .onFailure(failure -> failure instanceof UnauthorizedException
                        || failure instanceof AuthenticationFailedException)
                .recoverWithItem(() -> CheckResult.rejectUpgradeSync(401))
                .onFailure(RateLimitedException.class).recoverWithItem(failure -> CheckResult.rejectUpgradeSync(429,
                        Map.of("Retry-After", List.of(Long.toString(
                                ((RateLimitedException) failure).retryAfterSeconds())))))
                .onFailure(ApiException.class).recoverWithItem(() -> CheckResult.rejectUpgradeSync(404));
    }

    /**
     * Lets a caller into the room's socket if they are a member with a socket to spare (the hub counts again as
     * the socket opens, for upgrades that pass here at the same moment).
     */
    private RoomAccess admit(HttpUpgradeContext context, LiveTicketService.Admitted who, String roomId, long since) {
        RoomAccess admitted = access.enterRoom(who.caller(), roomId);
        limits.check(limits.sockets(), hub.openSockets(admitted), null);
        context.userData().put(ACCESS, admitted);
        context.userData().put(SINCE, since);
        who.sessionEnds().ifPresent(ends -> context.userData().put(SESSION_ENDS, ends));
        return admitted;
    }

    private Caller caller(SecurityIdentity identity) {
        return CurrentCaller.of(identity, config.identity().requireVerifiedEmail());
    }

    private static Optional<Long> since(String value) {
        if (value == null) {
            return Optional.of(0L);
        }
        try {
            long since = Long.parseLong(value);
            return since < 0 ? Optional.empty() : Optional.of(since);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private <T> Uni<T> blocking(java.util.function.Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(admissions);
    }
}

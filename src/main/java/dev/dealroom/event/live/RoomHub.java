package dev.dealroom.event.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.RateLimits;
import dev.dealroom.event.ControlMessage;
import dev.dealroom.event.EventCommitted;
import dev.dealroom.event.EventEnvelope;
import dev.dealroom.event.EventReader;
import dev.dealroom.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * This node's live delivery. Each room with open connections here has a channel whose <em>drain</em> hands
 * each event after the lowest seq any of its connections has been sent to every connection that has not had it
 * and may see it. Replay on connect and live delivery are the same drain, so nothing falls between them; one drain
 * per room runs at a time, so each connection gets each seq once, in order.
 *
 * <p>
 * An event committed on this node is delivered from its commit: the committing thread hands it over, already
 * serialised, and the drain sends it without reading the log, as long as it directly follows what the connections
 * were sent. The log is read on connect (replay), when another node's notification or the periodic catch-up says
 * it has moved, and whenever the events at hand leave a gap (an event committed elsewhere, or handed over late).
 */
@ApplicationScoped
public class RoomHub {

    private static final Logger LOG = Logger.getLogger(RoomHub.class);
    private static final int BATCH = 500;
    /** How long presence changes of a room are gathered into one message. */
    private static final Duration PRESENCE_GATHERING = Duration.ofMillis(50);

    private final EventReader reader;
    private final AccessPolicy policy;
    private final PresenceStore presence;
    private final ClusterSignals signals;
    private final ObjectMapper json;
    private final DealRoomConfig.Live config;
    private final RateLimits limits;
    private final Map<UUID, RoomChannel> rooms = new ConcurrentHashMap<>();
    private final Map<String, LiveConnection> connections = new ConcurrentHashMap<>();
    /** Rooms whose presence message is scheduled. */
    private final Set<UUID> presenceDue = ConcurrentHashMap.newKeySet();
    private final SocketWrites writes;
    /** Event frames handed to this node's connections: {@code dealroom_live_events_delivered_total}. */
    private final Counter delivered;
    /** Events in the logs of this node's rooms not yet sent to every connection, at the last catch-up. */
    private final AtomicLong drainLag = new AtomicLong();
    private ExecutorService drains;
    private ScheduledExecutorService timers;

    public RoomHub(EventReader reader, AccessPolicy policy, PresenceStore presence, ClusterSignals signals,
            ObjectMapper json, DealRoomConfig config, RateLimits limits, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.websockets-next.server.max-frame-size", defaultValue = "65536")
            int maxFrameBytes) {
        this.writes = new SocketWrites(maxFrameBytes);
        this.reader = reader;
        this.policy = policy;
        this.presence = presence;
        this.signals = signals;
        this.json = json;
        this.config = config.live();
        this.limits = limits;
        this.delivered = Counter.builder("dealroom.live.events.delivered")
                .description("Events sent to WebSocket connections of this node").register(registry);
        Gauge.builder("dealroom.live.sockets", connections, Map::size)
                .description("WebSocket connections open on this node").register(registry);
        Gauge.builder("dealroom.live.drain.lag", drainLag, AtomicLong::get).baseUnit("events")
                .description("Events the logs of this node's rooms hold that its connections have not all been sent,"
                        + " at the last catch-up").register(registry);
    }

    void start(@Observes StartupEvent started) {
        drains = Executors.newFixedThreadPool(config.dispatchThreads(), daemon("dealroom-drain"));
        timers = Executors.newSingleThreadScheduledExecutor(daemon("dealroom-live-timer"));
        long catchUp = config.catchUpInterval().toMillis();
        timers.scheduleWithFixedDelay(this::catchUp, catchUp, catchUp, TimeUnit.MILLISECONDS);
        long heartbeat = config.presenceHeartbeat().toMillis();
        timers.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        signals.start(this::wake, this::presenceSoon, this::rejoin);
    }

    void stop(@Observes ShutdownEvent stopping) {
        signals.stop();
        timers.shutdownNow();
        drains.shutdownNow();
        try {
            presence.leaveAll();
        } catch (RuntimeException e) {
            LOG.debug("Could not clear this node's presence", e);
        }
    }

    /** How many sockets the member has open to the room on this node. */
    public int openSockets(RoomAccess access) {
        RoomChannel channel = rooms.get(access.roomId());
        return channel == null ? 0 : channel.count(access.me().id());
    }

    /**
     * A member's connection, admitted at the upgrade, starting after {@code since}; refused (false, nothing sent or
     * kept) when the member already has as many sockets open to the room on this node as a login may.
     */
    public boolean open(WebSocketConnection socket, RoomAccess access, long since) {
        EventReader.LogBounds bounds = reader.bounds(access.roomId());
        LiveConnection connection = new LiveConnection(socket, writes.outletOf(socket), access, since,
                config.outboundQueueLimit());
        int most = limits.sockets().max();
        boolean[] firstHere = new boolean[1];
        boolean[] admitted = new boolean[1];
        connections.put(connection.id(), connection);
        // Atomic with the map entry, so a channel being dropped as empty never swallows a new connection, and
        // concurrent upgrades that all passed the admission's count cannot exceed the limit together.
        rooms.compute(access.roomId(), (roomId, channel) -> {
            RoomChannel joined = channel == null ? new RoomChannel(roomId) : channel;
            if (joined.count(access.me().id()) >= most) {
                return channel;
            }
            if (bounds.mustResync(since)) {
                connection.lastSent = bounds.last();
                connection.send(control(ControlMessage.RESYNC, Map.of("seq", bounds.last())));
            }
            admitted[0] = true;
            firstHere[0] = joined.add(connection);
            return joined;
        });
        if (!admitted[0]) {
            connections.remove(connection.id());
            return false;
        }
        if (firstHere[0]) {
            presence.online(access.roomId(), access.me().id());
            signals.presenceChanged(access.roomId());
        } else {
            connection.send(presenceMessage(access.roomId())); // another tab: who is online, for it alone
        }
        wake(access.roomId());
        return true;
    }

    public void close(String connectionId) {
        LiveConnection connection = connections.remove(connectionId);
        if (connection == null) {
            return;
        }
        UUID roomId = connection.access.roomId();
        boolean[] lastHere = new boolean[1];
        rooms.computeIfPresent(roomId, (id, channel) -> {
            lastHere[0] = channel.remove(connection);
            return channel.connections.isEmpty() ? null : channel;
        });
        if (lastHere[0]) {
            presence.offline(roomId, connection.access.me().id());
            signals.presenceChanged(roomId);
        }
    }

    /** How many connections were opened without the direct way to their socket (see {@link SocketWrites}). */
    long connectionsWithoutDirectWrites() {
        return writes.fellBack();
    }

    /** The room access of an open connection, as its drain last refreshed it. */
    public Optional<RoomAccess> access(String connectionId) {
        return Optional.ofNullable(connections.get(connectionId)).map(connection -> connection.access);
    }

    /** Runs the room's drain soon, reading its log, if this node has connections to it. */
    public void wake(UUID roomId) {
        RoomChannel channel = rooms.get(roomId);
        if (channel != null) {
            channel.readLog();
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventCommitted event) {
        RoomChannel channel = rooms.get(event.roomId());
        if (channel != null) {
            try {
                channel.handOver(Outbound.committed(event));
            } catch (RuntimeException e) {
                LOG.debugf("Event %d of room %s was not handed over (%s); the log has it", event.seq(),
                        event.roomId(), e);
            }
        }
        signals.eventsCommitted(event.roomId());
    }

    /** Once listening (again): reads which rooms the other nodes hold, and what was missed meanwhile. */
    private void rejoin() {
        try {
            signals.watchedElsewhere(presence.roomsHeldElsewhere(staleAfterSeconds()));
        } catch (RuntimeException e) {
            LOG.warn("Could not read the rooms of the other nodes; the next heartbeat retries", e);
        }
        catchUp();
    }

    /**
     * Wakes the rooms whose log has moved past what their drain has read: a lost notification only delays. Notes how
     * far delivery is behind the logs on the way (the drain lag), before the wake-ups catch up.
     */
    void catchUp() {
        try {
            Map<UUID, Long> heads = reader.lastSeqs(List.copyOf(rooms.keySet()));
            long behind = 0;
            for (Map.Entry<UUID, Long> head : heads.entrySet()) {
                RoomChannel channel = rooms.get(head.getKey());
                if (channel != null) {
                    behind += channel.behind(head.getValue());
                    if (head.getValue() > channel.head) {
                        channel.readLog();
                    }
                }
            }
            drainLag.set(behind);
        } catch (RuntimeException e) {
            LOG.warn("Live catch-up failed; retrying at the next interval", e);
        }
    }

    private void heartbeat() {
        try {
            presence.heartbeat(staleAfterSeconds());
            signals.watchedElsewhere(presence.roomsHeldElsewhere(staleAfterSeconds()));
        } catch (RuntimeException e) {
            LOG.warn("Presence heartbeat failed", e);
        }
    }

    /**
     * Tells the room's connections here who is online, soon: the joins and leaves of a moment (a page opened in
     * several tabs, clients reconnecting after a restart) make one read of the presence rows and one message each.
     */
    private void presenceSoon(UUID roomId) {
        if (presenceDue.add(roomId)) {
            timers.schedule(() -> {
                presenceDue.remove(roomId);
                try {
                    broadcastPresence(roomId);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Presence of room %s was not sent; the next change sends it", roomId);
                }
            }, PRESENCE_GATHERING.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void broadcastPresence(UUID roomId) {
        RoomChannel channel = rooms.get(roomId);
        if (channel != null) {
            Frame message = presenceMessage(roomId);
            channel.connections.forEach(connection -> connection.send(message));
        }
    }

    private Frame presenceMessage(UUID roomId) {
        List<String> online = presence.online(roomId, staleAfterSeconds()).stream().map(UUID::toString).toList();
        return control(ControlMessage.PRESENCE, Map.of("online", online));
    }

    private long staleAfterSeconds() {
        return Math.max(3 * config.presenceHeartbeat().toSeconds(), 3);
    }

    private Frame control(ControlMessage type, Map<String, Object> fields) {
        Map<String, Object> message = new HashMap<>(fields);
        message.put("type", type.wireName());
        return write(message);
    }

    private Frame write(Object message) {
        try {
            return Frame.utf8(json.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a live message", e);
        }
    }

    /** Daemon threads named {@code name-1}, {@code name-2}… for this package's executors. */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The connections of one room on this node, and its drain. */
    private final class RoomChannel {

        final UUID roomId;
        final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
        /** Per member, how many of their connections are open here: several tabs count once. */
        private final Map<UUID, Integer> perMember = new HashMap<>();
        /** Wake-ups not yet served; the drain runs while this is above zero, on one thread at a time. */
        private final AtomicInteger pending = new AtomicInteger();
        /** The newest seq a drain has delivered. */
        volatile long head;
        /** Events committed on this node, handed over by their commit, until every connection has been sent them. */
        private final ConcurrentSkipListMap<Long, Outbound> handedOver = new ConcurrentSkipListMap<>();
        /** Whether the log may hold events after what the connections were sent that were not handed over. */
        private final AtomicBoolean logMoved = new AtomicBoolean();

        RoomChannel(UUID roomId) {
            this.roomId = roomId;
        }

        synchronized int count(UUID member) {
            return perMember.getOrDefault(member, 0);
        }

        /** @return whether this is the member's first connection to the room on this node */
        synchronized boolean add(LiveConnection connection) {
            connections.add(connection);
            return perMember.merge(connection.access.me().id(), 1, Integer::sum) == 1;
        }

        /** @return whether this was the member's last connection to the room on this node */
        synchronized boolean remove(LiveConnection connection) {
            if (!connections.remove(connection)) {
                return false;
            }
            UUID member = connection.access.me().id();
            boolean last = perMember.merge(member, -1, Integer::sum) == 0;
            if (last) {
                perMember.remove(member);
            }
            return last;
        }

        /**
         * How many events up to {@code last} the connection furthest behind has not been sent. Read off the drain's
         * thread, so possibly a moment old: it is only a measure.
         */
        long behind(long last) {
            long furthest = last;
            for (LiveConnection connection : connections) {
                furthest = Math.min(furthest, connection.lastSent);
            }
            return last - furthest;
        }

        /** Delivers an event committed on this node, without reading the log if it follows what was sent. */
        void handOver(Outbound event) {
            handedOver.put(event.seq, event);
            while (handedOver.size() > BATCH) {
                handedOver.pollFirstEntry(); // a drain far behind reads the log anyway
            }
            schedule();
        }

        /** Runs the drain soon, reading the log from what the connections were sent. */
        void readLog() {
            logMoved.set(true);
            schedule();
        }

        private void schedule() {
            if (pending.getAndIncrement() == 0) {
                drains.execute(this::run);
            }
        }

        private void run() {
            int served;
            do {
                served = pending.get();
                try {
                    drain();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Live delivery for room %s failed; the next wake-up retries", roomId);
                }
            } while (pending.addAndGet(-served) > 0);
        }

        private void drain() {
            List<LiveConnection> open;
            while (true) {
                open = new ArrayList<>();
                for (LiveConnection connection : connections) {
                    if (connection.isOpen()) {
                        open.add(connection);
                    }
                }
                if (open.isEmpty()) {
                    return;
                }
                long from = open.stream().mapToLong(connection -> connection.lastSent).min().getAsLong();
                handedOver.headMap(from, true).clear();
                List<Outbound> batch = handedOverAfter(from);
                if (batch.isEmpty()) {
                    // Nothing at hand follows: read the log if it moved, if a later event is at hand (a gap), or
                    // if a connection has not had its replay yet (its wake-up may have been taken by a run that
                    // started before it joined).
                    boolean replaying = open.stream().anyMatch(connection -> !connection.ready);
                    if (!logMoved.getAndSet(false) && handedOver.isEmpty() && !replaying) {
                        break;
                    }
                    batch = reader.after(roomId, from, BATCH).stream().map(Outbound::read).toList();
                    if (batch.size() == BATCH) {
                        logMoved.set(true); // more to read
                    }
                    if (batch.isEmpty()) {
                        handedOver.clear(); // a gap the log does not fill: an event not committed after all
                        break;
                    }
                }
                for (Outbound event : batch) {
                    try {
                        deliver(event, open);
                    } catch (JsonProcessingException | RuntimeException e) {
                        if (!event.handedOver()) {
                            throw new IllegalStateException("Event " + event.seq + " of room " + roomId
                                    + " cannot be delivered", e);
                        }
                        // The log's copy takes the other way (parsed, then written): read it from there.
                        LOG.warnf(e, "Event %d of room %s is delivered from the log", event.seq, roomId);
                        handedOver.clear();
                        logMoved.set(true);
                        break;
                    }
                    head = Math.max(head, event.seq);
                }
            }
            // Only the connections this drain brought up to date: one that joined meanwhile gets its replay
            // (and then its ready) from the next run, which its joining scheduled.
            for (LiveConnection connection : open) {
                if (!connection.ready && connection.isOpen()) {
                    connection.ready = true;
                    connection.send(control(ControlMessage.READY, Map.of("seq", connection.lastSent)));
                }
            }
        }

        /** The events at hand that directly follow {@code from}, in order. */
        private List<Outbound> handedOverAfter(long from) {
            List<Outbound> run = new ArrayList<>();
            long next = from + 1;
            for (Map.Entry<Long, Outbound> entry : handedOver.tailMap(from, false).entrySet()) {
                if (entry.getKey() != next || run.size() == BATCH) {
                    break;
                }
                run.add(entry.getValue());
                next++;
            }
            return run;
        }

        /**
         * Sends one event to the connections that have not had it. Who receives it is decided once for the event
         * ({@link AccessPolicy#audience}); its frame is encoded once and shared by all who receive it unchanged.
         */
        private void deliver(Outbound outbound, List<LiveConnection> open) throws JsonProcessingException {
            AccessPolicy.Audience audience = policy.audience(outbound.type, outbound.groupId);
            if (audience != AccessPolicy.Audience.EACH) {
                for (LiveConnection connection : open) {
                    if (connection.lastSent < outbound.seq) {
                        if (policy.receives(connection.access, outbound.roomId, outbound.groupId, audience)) {
                            Frame frame = outbound.frame(json); // before lastSent: should it fail, nothing is skipped
                            connection.send(frame);
                            delivered.increment();
                        }
                        connection.lastSent = outbound.seq;
                    }
                }
                return;
            }
            EventEnvelope event = outbound.envelope(json);
            boolean membershipChange = EventType.ofWireName(event.type())
                    .map(EventType::changesMembership).orElse(false);
            Map<UUID, Optional<RoomAccess>> refreshed = new HashMap<>();
            for (LiveConnection connection : open) {
                if (connection.lastSent >= event.seq()) {
                    continue;
                }
                boolean stillMember = true;
                if (membershipChange) {
                    Optional<RoomAccess> now = refreshed.computeIfAbsent(connection.access.me().id(),
                            member -> QuarkusTransaction.requiringNew().call(() -> policy.reenter(connection.access)));
                    stillMember = now.isPresent();
                    now.ifPresent(access -> connection.access = access);
                }
                Optional<EventEnvelope> visible = policy.visibleEvent(connection.access, event);
                if (visible.isPresent()) {
                    connection.send(visible.get() == event ? outbound.frame(json) : write(visible.get()));
                    delivered.increment();
                }
                connection.lastSent = event.seq(); // once sent: should anything above fail, the retry sends it
                if (!stillMember) {
                    connection.closeAfterQueue(LiveConnection.REMOVED);
                }
            }
        }
    }
}

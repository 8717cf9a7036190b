package dev.dealroom.event.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells the other nodes sharing the database that rooms have new events or a new presence, through PostgreSQL
 * {@code LISTEN/NOTIFY}. Notifications are never sent inside a write transaction (a {@code NOTIFY} there takes
 * a global lock at commit and serialises every writer): commits only queue their room, and one sender sends
 * all queued rooms in a single {@code NOTIFY} — while it sends, the next ones queue up. A notification only
 * wakes a node, which reads the rows itself; a lost one is made good by the hub's periodic catch-up.
 *
 * <p>
 * Nobody is told what nobody listens for: a room's new events are notified only while another node holds connections
 * to it. A node learns which rooms those are from the other nodes' presence notifications (a node's first connection
 * to a room is one) and, at every presence heartbeat, from their presence rows, which also forgets the rooms they have
 * left. A single node sends no event notification at all. When a node hears of a room newly held elsewhere it
 * notifies the room's events once, so that what it committed before hearing is not left to the other node's catch-up.
 */
@ApplicationScoped
public class ClusterSignals {

    static final String EVENTS_CHANNEL = "dealroom_events";
    static final String PRESENCE_CHANNEL = "dealroom_presence";
    /** The prefix of the channel only this node listens on, to wake its listener when it stops. */
    private static final String WAKE_CHANNEL_PREFIX = "dealroom_wake_";
    private static final Logger LOG = Logger.getLogger(ClusterSignals.class);
    /** NOTIFY payloads are limited to 8000 bytes; a room id takes 37 of them. */
    private static final int ROOMS_PER_NOTIFY = 200;

    private final DataSource dataSource;
    private final String nodeId;
    private final String wakeChannel;
    private final Set<UUID> eventRooms = ConcurrentHashMap.newKeySet();
    private final Set<UUID> presenceRooms = ConcurrentHashMap.newKeySet();
    /** The rooms other nodes hold connections to, as last heard. */
    private final Set<UUID> watchedElsewhere = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingSends = new AtomicInteger();
    private volatile Consumer<UUID> onEvents = room -> {
    };
    private volatile Consumer<UUID> onPresence = room -> {
    };
    private volatile Runnable onReconnect = () -> {
    };
    private volatile boolean running;
    private ExecutorService sender;
    private Thread listener;
    private volatile Connection listening;

    public ClusterSignals(DataSource dataSource, PresenceStore presence) {
        this.dataSource = dataSource;
        this.nodeId = presence.nodeId().toString();
        this.wakeChannel = WAKE_CHANNEL_PREFIX + nodeId.replace("-", "");
    }

    /** Starts listening; the handlers get the rooms other nodes report. */
    void start(Consumer<UUID> events, Consumer<UUID> presence, Runnable reconnected) {
        onEvents = events;
        onPresence = presence;
        onReconnect = reconnected;
        running = true;
        sender = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "dealroom-notify"));
        listener = daemon(this::listen, "dealroom-listen");
        listener.start();
    }

    /**
     * Stops sending and listening. The listener waits for notifications without a timeout, so it is woken by one on
     * its own channel: it then sees it must stop and hands its connection back, no longer listening.
     */
    void stop() {
        running = false;
        if (sender != null) {
            sender.shutdownNow();
        }
        if (listener != null) {
            listener.interrupt(); // in case it is waiting to reconnect
        }
        if (listening != null) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement wake = connection.prepareStatement("select pg_notify(?, '')")) {
                wake.setString(1, wakeChannel);
                wake.execute();
            } catch (SQLException e) {
                LOG.debug("Could not wake the listener; it stops with the process", e);
            }
        }
    }

    /** A room's new events are committed: tell the other nodes that hold connections to it (soon, together). */
    void eventsCommitted(UUID roomId) {
        if (watchedElsewhere.contains(roomId)) {
            eventRooms.add(roomId);
            scheduleSend();
        }
    }

    /** The rooms other nodes hold connections to, read from their presence rows: replaces what was heard. */
    void watchedElsewhere(Set<UUID> rooms) {
        watchedElsewhere.retainAll(rooms);
        rooms.forEach(this::watched);
    }

    /**
     * Another node holds connections to the room. Newly heard of, the room's events are notified once at once: an event
     * this node committed before it heard (and did not notify) reaches that node now rather than at its catch-up.
     */
    private void watched(UUID roomId) {
        if (watchedElsewhere.add(roomId)) {
            eventRooms.add(roomId);
            scheduleSend();
        }
    }

    /** A room's presence changed here: update this node's clients now, and tell the other nodes. */
    void presenceChanged(UUID roomId) {
        onPresence.accept(roomId);
        presenceRooms.add(roomId);
        scheduleSend();
    }

    private void scheduleSend() {
        if (running && pendingSends.getAndIncrement() == 0) {
            sender.execute(this::sendPending);
        }
    }

    private void sendPending() {
        int served;
        do {
            served = pendingSends.get();
            try {
                notifyAll(EVENTS_CHANNEL, eventRooms);
                notifyAll(PRESENCE_CHANNEL, presenceRooms);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Could not notify the other nodes; their catch-up will find the events", e);
            }
        } while (pendingSends.addAndGet(-served) > 0);
    }

    private void notifyAll(String channel, Set<UUID> queued) throws SQLException {
        List<UUID> rooms = new ArrayList<>(queued);
        if (rooms.isEmpty()) {
            return;
        }
        queued.removeAll(rooms);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
            for (int from = 0; from < rooms.size(); from += ROOMS_PER_NOTIFY) {
                List<UUID> chunk = rooms.subList(from, Math.min(rooms.size(), from + ROOMS_PER_NOTIFY));
                notify.setString(1, channel);
                notify.setString(2, nodeId + "|" + String.join(",", chunk.stream().map(UUID::toString).toList()));
                notify.execute();
            }
        }
    }

    /**
     * Listens on its own connection, waiting for notifications without a timeout: a timed wait makes the driver
     * throw (and catch) a socket timeout at every expiry, once a second for nothing. {@link #stop()} wakes it. (After
     * a batch of notifications the driver still probes for more with a 1 ms read that may time out the same way; it
     * does so at most once a second, and only while notifications arrive.)
     */
    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listening = connection;
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EVENTS_CHANNEL);
                    statement.execute("LISTEN " + PRESENCE_CHANNEL);
                    statement.execute("LISTEN " + wakeChannel);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                backoff = 500;
                // Whatever was notified while this node was not listening is read now.
                onReconnect.run();
                while (running) {
                    for (PGNotification notification : postgres.getNotifications(0)) {
                        dispatch(notification);
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *"); // the pool gets back a connection that hears nothing
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Listening for other nodes failed (%s); retrying in %d ms", e.getMessage(), backoff);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 10_000);
                }
            }
        }
    }

    private void dispatch(PGNotification notification) {
        if (wakeChannel.equals(notification.getName())) {
            return; // stop() woke the listener
        }
        String payload = notification.getParameter();
        int bar = payload.indexOf('|');
        if (bar < 0 || payload.substring(0, bar).equals(nodeId)) {
            return; // this node's own, already handled locally
        }
        boolean presence = PRESENCE_CHANNEL.equals(notification.getName());
        Consumer<UUID> handler = presence ? onPresence : onEvents;
        for (String room : payload.substring(bar + 1).split(",")) {
            try {
                UUID roomId = UUID.fromString(room);
                if (presence) {
                    watched(roomId); // another node has (or had) connections to it
                }
                handler.accept(roomId);
            } catch (RuntimeException e) {
                LOG.debugf("Ignoring notification for %s: %s", room, e.getMessage());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}

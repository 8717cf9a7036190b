package dev.dealroom.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import dev.dealroom.bench.BenchRoom.BenchMember;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * The load generator: WebSocket listeners, each one member's connection to its room, and writers posting to
 * the rooms over REST — all non-blocking on two Vert.x event loops. Every post carries its index and the
 * {@link System#nanoTime()} it was sent at in its body; each listener records, per post, that it received it
 * (a second receipt is a duplicate) and the latency from send to receipt. A post's expected receivers are
 * the listeners of its room whose member is in its group, so after a run nothing is taken on trust: lost =
 * expected and acknowledged but never received, and a receipt from a group the member is not in is counted
 * as forbidden.
 */
final class Fleet implements AutoCloseable {

    private static final int MAX_POSTS = 4_000_000;
    private static final int BODY_LENGTH = 200;
    private static final String BODY_PREFIX = "\"body\":\"#";
    /** Source addresses for the listeners: each gives its own 28k ephemeral ports on loopback. */
    private static final List<String> LOCAL_ADDRESSES = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final List<WebSocketClient> socketClients = new ArrayList<>();
    private final HttpClient http;
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);

    private final long[] sentAt = new long[MAX_POSTS];
    private final int[] postRoom = new int[MAX_POSTS];
    private final String[] postGroup = new String[MAX_POSTS];
    private final AtomicLongArray ackedAt = new AtomicLongArray(MAX_POSTS);
    private final AtomicInteger nextPost = new AtomicInteger();
    private final AtomicLong postErrors = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    /** Posts sent and neither acknowledged nor given up on. */
    private final AtomicLong inFlight = new AtomicLong();

    private final List<BenchRoom> rooms;
    private final List<List<Listener>> listenersByRoom = new ArrayList<>();
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicInteger readyCount = new AtomicInteger();
    private volatile Window window;
    private volatile boolean reconnect;
    private volatile URI writeTo;

    Fleet(List<BenchRoom> rooms, URI writeTo) {
        this.rooms = rooms;
        this.writeTo = writeTo;
        for (int i = 0; i < rooms.size(); i++) {
            listenersByRoom.add(new ArrayList<>());
        }
        for (String address : LOCAL_ADDRESSES) {
            socketClients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(address)
                    .setMaxConnections(100_000).setConnectTimeout(30_000).setTcpNoDelay(true)));
        }
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
    }

    void writeTo(URI node) {
        this.writeTo = node;
    }

    // ---- listeners -----------------------------------------------------------------------------------

    /**
     * Opens one connection per member of each room to {@code node}, {@code copies} times, after the seq each
     * room is at; returns once every connection has had its {@code ready}, or throws.
     */
    int connect(URI node, List<Integer> roomIndexes, int copies, java.util.function.IntToLongFunction sinceOf,
            int inFlight, Duration patience) throws InterruptedException {
        List<Listener> opening = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
            for (int roomIndex : roomIndexes) {
                BenchRoom room = rooms.get(roomIndex);
                long since = sinceOf.applyAsLong(roomIndex);
                for (BenchMember member : room.members()) {
                    Listener listener = new Listener(node, roomIndex, member, since,
                            socketClients.get((listeners.size() + opening.size()) % socketClients.size()));
                    opening.add(listener);
                }
            }
        }
        int target = readyCount.get() + opening.size();
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(inFlight);
        long deadline = System.nanoTime() + patience.toNanos();
        for (Listener listener : opening) {
            if (!permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            listeners.add(listener);
            listenersByRoom.get(listener.roomIndex).add(listener);
            listener.open().whenComplete((ready, failure) -> permits.release());
        }
        while (readyCount.get() < target && System.nanoTime() < deadline && failedConnects() == 0) {
            Thread.sleep(20);
        }
        return readyCount.get();
    }

    long failedConnects() {
        return listeners.stream().filter(listener -> listener.failed).count();
    }

    int readyListeners() {
        return readyCount.get();
    }

    /** Closes every listener (no reconnects) and forgets them. */
    void disconnectAll() throws InterruptedException {
        reconnect = false;
        for (Listener listener : listeners) {
            // No longer counted as ready from now on, so its close (which comes later) does not count down.
            listener.ready = false;
            listener.close();
        }
        listeners.clear();
        listenersByRoom.forEach(List::clear);
        readyCount.set(0);
        Thread.sleep(500);
    }

    /** From now on a listener whose connection closes opens a new one with {@code since} = the last seq it had. */
    void reconnectOnClose(boolean enabled) {
        reconnect = enabled;
    }

    /** The earliest time a listener resumed after its last close (nanoTime), or -1 if one has not resumed. */
    long firstResumedAt() {
        long first = Long.MAX_VALUE;
        for (Listener listener : listeners) {
            if (!listener.ready || listener.resumedAt == 0) {
                return -1;
            }
            first = Math.min(first, listener.resumedAt);
        }
        return first;
    }

    /** The time by which every listener had resumed after its last close (nanoTime), or -1 if one has not. */
    long allResumedAt() {
        long last = 0;
        for (Listener listener : listeners) {
            if (!listener.ready || listener.resumedAt == 0) {
                return -1;
            }
            last = Math.max(last, listener.resumedAt);
        }
        return last;
    }

    // ---- writers ---------------------------------------------------------------------------------------

    /** Where post number {@code k} of a run goes: its room, group and author. */
    interface Plan {
        Target target(long k);
    }

    record Target(int roomIndex, String group, BenchMember author) {
    }

    /** Posts to every room's {@code everyone}, round-robin over rooms, each by the next member of the room. */
    Plan everyone(List<Integer> roomIndexes) {
        return k -> {
            int roomIndex = roomIndexes.get((int) (k % roomIndexes.size()));
            List<BenchMember> members = rooms.get(roomIndex).members();
            return new Target(roomIndex, "everyone", members.get((int) ((k / roomIndexes.size()) % members.size())));
        };
    }

    /** Posts round-robin over rooms and over {@code groups}, each by a member of that group. */
    Plan spread(List<Integer> roomIndexes, List<String> groups) {
        return k -> {
            int roomIndex = roomIndexes.get((int) (k % roomIndexes.size()));
            String group = groups.get((int) ((k / roomIndexes.size()) % groups.size()));
            List<BenchMember> authors = rooms.get(roomIndex).membersOf(group);
            return new Target(roomIndex, group, authors.get((int) ((k / roomIndexes.size()) % authors.size())));
        };
    }

    /**
     * Sends posts at {@code rate} per second (open loop: the schedule does not wait for answers) for
     * {@code warmUp + measured}; latencies of posts sent in the measured part are recorded. Returns when the
     * schedule ends; {@link #settle} then waits for the stragglers.
     */
    Window openLoop(Plan plan, double rate, Duration warmUp, Duration measured, boolean retryFailures)
            throws InterruptedException {
        long start = System.nanoTime();
        Window run = new Window(start + warmUp.toNanos(), start + warmUp.toNanos() + measured.toNanos(),
                nextPost.get());
        window = run;
        CompletableFuture<Void> done = new CompletableFuture<>();
        long end = run.end;
        long[] sent = {0};
        long maxInFlight = Math.max(2_000, (long) rate);
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            long due = Math.min((long) ((now - start) * rate / 1e9), (long) ((end - start) * rate / 1e9));
            while (sent[0] < due) {
                if (inFlight.get() >= maxInFlight) {
                    run.generatorBacklog = true;
                    break;
                }
                long intended = start + (long) (sent[0] * 1e9 / rate);
                run.maxScheduleLagNanos = Math.max(run.maxScheduleLagNanos, now - intended);
                Target target = plan.target(sent[0]);
                post(nextPost.getAndIncrement(), target, retryFailures ? end + TimeUnit.SECONDS.toNanos(30) : 0);
                sent[0]++;
            }
            if (now >= end) {
                vertx.cancelTimer(timer);
                run.lastPost = nextPost.get();
                done.complete(null);
            }
        });
        try {
            done.get(warmUp.plus(measured).toSeconds() + 30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The post schedule did not finish", e);
        }
        return run;
    }

    /**
     * {@code writers} writers, each posting to a room of its own and sending its next post as soon as the
     * previous one is acknowledged, for {@code warmUp + measured}. Only acknowledgements are measured.
     */
    Window closedLoop(List<Target> writers, Duration warmUp, Duration measured) throws InterruptedException {
        Window run = startClosedLoop(fixed(writers), warmUp, measured);
        awaitEnd(run);
        return run;
    }

    /** One closed-loop writer per target, each always posting to its own. */
    static List<Supplier<Target>> fixed(List<Target> writers) {
        return writers.stream().<Supplier<Target>>map(writer -> () -> writer).toList();
    }

    /**
     * {@code writers} closed-loop writers that share {@code plan}: each sends the plan's next post as soon as its
     * previous one is acknowledged, for {@code duration}, all of it measured.
     */
    Window closedLoop(Plan plan, int writers, Duration duration) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        Supplier<Target> shared = () -> plan.target(next.getAndIncrement());
        Window run = startClosedLoop(Collections.nCopies(writers, shared), Duration.ZERO, duration);
        awaitEnd(run);
        return run;
    }

    /** Starts closed-loop writers, each taking its targets from its supplier, and returns at once. */
    Window startClosedLoop(List<Supplier<Target>> writers, Duration warmUp, Duration measured) {
        long start = System.nanoTime();
        Window run = new Window(start + warmUp.toNanos(), start + warmUp.toNanos() + measured.toNanos(),
                nextPost.get());
        window = run;
        for (Supplier<Target> writer : writers) {
            vertx.runOnContext(go -> keepWriting(writer, run));
        }
        return run;
    }

    /** Sleeps until {@code run}'s schedule has ended, then closes its range of posts. */
    void awaitEnd(Window run) throws InterruptedException {
        long left = run.end - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        run.lastPost = nextPost.get();
    }

    private void keepWriting(Supplier<Target> writer, Window run) {
        if (System.nanoTime() >= run.end) {
            return;
        }
        int index = nextPost.getAndIncrement();
        post(index, writer.get(), 0).onComplete(done -> keepWriting(writer, run));
    }

    /** Posts acknowledged (2xx) since this fleet was made, whatever their window. */
    long acknowledged() {
        return acknowledged.get();
    }

    private io.vertx.core.Future<Void> post(int index, Target target, long retryUntil) {
        BenchRoom room = rooms.get(target.roomIndex());
        if (sentAt[index] == 0) {
            inFlight.incrementAndGet();
            sentAt[index] = System.nanoTime();
            postRoom[index] = target.roomIndex();
            postGroup[index] = target.group();
        }
        String body = "{\"body\":\"" + body(index, sentAt[index]) + "\",\"clientId\":\"bench-" + runTag + "-" + index
                + "\"}";
        URI node = writeTo;
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(node.getHost())
                .setPort(node.getPort())
                .setURI("/api/rooms/" + room.id() + "/groups/" + room.groupIds().get(target.group()) + "/posts")
                .putHeader("Authorization", "Bearer " + target.author().token())
                .putHeader("Content-Type", "application/json");
        return http.request(request)
                .compose(req -> req.send(body))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .transform(result -> {
                    if (result.succeeded() && result.result() / 100 == 2) {
                        long now = System.nanoTime();
                        ackedAt.set(index, now);
                        acknowledged.incrementAndGet();
                        inFlight.decrementAndGet();
                        Window run = window;
                        if (run != null && run.contains(sentAt[index])) {
                            run.acks.recordValue(Math.max(1, (now - sentAt[index]) / 1_000));
                        }
                        return io.vertx.core.Future.succeededFuture();
                    }
                    if (retryUntil > System.nanoTime()) {
                        // The same clientId: a post the dying server did commit is answered, not written twice.
                        io.vertx.core.Promise<Void> retried = io.vertx.core.Promise.promise();
                        vertx.setTimer(100, again -> post(index, target, retryUntil).onComplete(retried));
                        return retried.future();
                    }
                    postErrors.incrementAndGet();
                    inFlight.decrementAndGet();
                    return io.vertx.core.Future.succeededFuture();
                });
    }

    private static String body(int index, long sentAtNanos) {
        StringBuilder body = new StringBuilder(BODY_LENGTH).append('#').append(index).append('@')
                .append(sentAtNanos).append(' ');
        while (body.length() < BODY_LENGTH) {
            body.append("lorem ipsum ");
        }
        body.setLength(BODY_LENGTH);
        return body.toString();
    }

    // ---- accounting ------------------------------------------------------------------------------------

    /**
     * Waits (at most {@code patience}) until every post of {@code run} is acknowledged or failed and every
     * expected receipt arrived, then counts what is missing.
     */
    Outcome settle(Window run, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Outcome outcome;
        do {
            Thread.sleep(100);
            outcome = count(run);
        } while ((outcome.lost() > 0 || outcome.unacknowledged() > 0) && System.nanoTime() < deadline);
        window = null;
        return outcome;
    }

    record Outcome(long posts, long acknowledged, long unacknowledged, long expected, long delivered, long lost,
            long duplicated, long forbidden) {
    }

    private Outcome count(Window run) {
        long posts = 0;
        long acknowledged = 0;
        long expected = 0;
        long lost = 0;
        for (int index = run.firstPost; index < run.lastPost; index++) {
            if (!run.contains(sentAt[index])) {
                continue;
            }
            posts++;
            if (ackedAt.get(index) == 0) {
                continue;
            }
            acknowledged++;
            for (Listener listener : listenersByRoom.get(postRoom[index])) {
                if (listener.member.in(postGroup[index])) {
                    expected++;
                    if (!listener.received(index)) {
                        lost++;
                    }
                }
            }
        }
        long failed = postErrors.get();
        return new Outcome(posts, acknowledged, Math.max(0, posts - acknowledged - failed), expected,
                expected - lost, lost, duplicates(), forbidden());
    }

    long duplicates() {
        return listeners.stream().mapToLong(listener -> listener.duplicates).sum();
    }

    long forbidden() {
        return listeners.stream().mapToLong(listener -> listener.forbidden).sum();
    }

    long postErrors() {
        return postErrors.get();
    }

    /** One run's window (by send time) and what was recorded in it. */
    static final class Window {
        final long start;
        final long end;
        final int firstPost;
        volatile int lastPost = Integer.MAX_VALUE;
        final Histogram deliveries = new ConcurrentHistogram(3);
        final Histogram acks = new ConcurrentHistogram(3);
        volatile long maxScheduleLagNanos;
        volatile boolean generatorBacklog;

        Window(long start, long end, int firstPost) {
            this.start = start;
            this.end = end;
            this.firstPost = firstPost;
        }

        boolean contains(long sentAtNanos) {
            return sentAtNanos >= start && sentAtNanos < end;
        }

        double seconds() {
            return (end - start) / 1e9;
        }
    }

    // ---- one connection ----------------------------------------------------------------------------------

    private final class Listener {
        final URI node;
        final int roomIndex;
        final BenchMember member;
        final WebSocketClient client;
        final Set<String> visibleGroupIds;
        private final BitSet received = new BitSet();
        volatile long lastSeq;
        volatile boolean ready;
        volatile boolean failed;
        volatile long resumedAt;
        volatile WebSocket socket;
        long duplicates;
        long forbidden;

        Listener(URI node, int roomIndex, BenchMember member, long since, WebSocketClient client) {
            this.node = node;
            this.roomIndex = roomIndex;
            this.member = member;
            this.client = client;
            this.lastSeq = since;
            BenchRoom room = rooms.get(roomIndex);
            this.visibleGroupIds = Set.copyOf(member.groups().stream().map(room.groupIds()::get)
                    .filter(java.util.Objects::nonNull).toList());
        }

        CompletableFuture<Void> open() {
            CompletableFuture<Void> opened = new CompletableFuture<>();
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(node.getHost())
                    .setPort(node.getPort()).setURI("/ws/rooms/" + rooms.get(roomIndex).id() + "?since=" + lastSeq)
                    .addHeader("Authorization", "Bearer " + member.token());
            client.connect(options).onComplete(result -> {
                if (result.failed()) {
                    if (reconnect) {
                        vertx.setTimer(100, again -> open());
                    } else {
                        failed = true;
                    }
                    opened.complete(null);
                    return;
                }
                WebSocket ws = result.result();
                socket = ws;
                ws.textMessageHandler(this::onText);
                ws.closeHandler(closed -> onClose());
                opened.complete(null);
            });
            return opened;
        }

        void close() {
            WebSocket ws = socket;
            if (ws != null) {
                ws.close();
            }
        }

        private void onClose() {
            if (ready) {
                ready = false;
                readyCount.decrementAndGet();
            }
            resumedAt = 0;
            if (reconnect) {
                vertx.setTimer(50 + ThreadLocalRandom.current().nextInt(50), again -> open());
            }
        }

        synchronized boolean received(int index) {
            return received.get(index);
        }

        private synchronized void onText(String text) {
            long now = System.nanoTime();
            if (!text.startsWith("{\"seq\":")) {
                if (text.contains("\"type\":\"ready\"") && !ready) {
                    ready = true;
                    resumedAt = now;
                    readyCount.incrementAndGet();
                }
                return;
            }
            long seq = Long.parseLong(text, 7, text.indexOf(',', 7), 10);
            if (seq <= lastSeq) {
                duplicates++;
                return;
            }
            lastSeq = seq;
            if (!text.contains("\"type\":\"post.created\"")) {
                return;
            }
            int groupAt = text.indexOf("\"groupId\":\"") + 11;
            if (!visibleGroupIds.contains(text.substring(groupAt, text.indexOf('"', groupAt)))) {
                forbidden++;
            }
            int bodyAt = text.indexOf(BODY_PREFIX);
            if (bodyAt < 0) {
                return;
            }
            int indexAt = bodyAt + BODY_PREFIX.length();
            int at = text.indexOf('@', indexAt);
            int index = Integer.parseInt(text, indexAt, at, 10);
            long sent = Long.parseLong(text, at + 1, text.indexOf(' ', at), 10);
            if (received.get(index)) {
                duplicates++;
                return;
            }
            received.set(index);
            Window run = window;
            if (run != null && run.contains(sent)) {
                run.deliveries.recordValue(Math.max(1, (now - sent) / 1_000));
            }
        }
    }

    @Override
    public void close() {
        reconnect = false;
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(failure -> null).join();
    }
}

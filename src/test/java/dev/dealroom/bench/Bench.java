package dev.dealroom.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;

import dev.dealroom.bench.Fleet.Outcome;
import dev.dealroom.bench.Fleet.Window;
import dev.dealroom.support.ChildProcess;
import dev.dealroom.support.OidcTestServer;
import dev.dealroom.support.Person;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The benchmark harness behind {@code ./mvnw -Pbench verify}: starts the packaged server on a fresh database,
 * runs every scenario of {@code docs/benchmarks.md} against it from this process (the load generator), stops
 * everything and writes the report and its chart. Bounded: every phase has a fixed duration or count, and
 * everything runs on 127.0.0.1. {@code -Dbench.quick=true} runs the same scenarios at a tenth of the size, to
 * try the harness itself.
 */
public final class Bench {

    private static final String DATABASE = "dealroom_bench";
    private static final String JDBC = "jdbc:postgresql://localhost:5432/";
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final String[] WORKSTREAMS = {"proof", "business-case"};
    private static final double P99_LIMIT_MS = 50;
    /**
     * The heap of every server the harness starts, Deal Room's nodes and the floor alike: fixed, as a server's
     * should be (README, "Production"). A heap left to grow from its small initial size makes G1 keep it small
     * and collect every second or two, each pause landing in the latency tail.
     */
    private static final List<String> SERVER_HEAP = List.of("-Xms1g", "-Xmx1g");
    private static final int[] DURABLE_WRITERS = {8, 32};
    /** The durable-writes step whose cost per post is a target. */
    private static final int COSTED_WRITERS = 8;
    private static final int WARM_UP_WRITERS = 8;
    /** Warm-up ends when two windows in a row do not beat the best window before them by more than this share. */
    private static final double WARM_UP_TOLERANCE = 0.03;

    /** Sizes and durations; the full run is the one the targets speak of. */
    private record Scale(int rooms, int rate, Duration warmUp, Duration measured, Duration step, int maxConnections,
            int connectionStep, int catchUpRooms, int scalePosts, int scaleTasks, int pipelineRooms, int saturationMax,
            Duration warmUpWindow, Duration warmUpAtLeast, Duration warmUpCap) {

        static Scale of(boolean quick) {
            return quick
                    ? new Scale(20, 100, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3), 1_000,
                            200, 10, 5_000, 200, 50, 800, Duration.ofSeconds(2), Duration.ofSeconds(6),
                            Duration.ofSeconds(20))
                    : new Scale(200, 500, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10),
                            18_000, 2_000, 100, 50_000, 2_000, 500, 16_000, Duration.ofSeconds(5),
                            Duration.ofSeconds(60), Duration.ofSeconds(180));
        }
    }

    private final Scale scale;
    private final Path jar;
    private final Path out;
    private final Path work;
    private final Report report = new Report();
    private final List<ChildProcess> nodes = new ArrayList<>();
    private final List<NodeStart> startups = new ArrayList<>();
    private final List<Chart.Panel> panels = new ArrayList<>();
    private final List<String> latencyRuns = new ArrayList<>();
    private final List<double[]> latencyBars = new ArrayList<>();
    private final List<WarmUp> warmUps = new ArrayList<>();
    private FloorRun floorRun;
    private String authServer;
    private ChildProcess nodeA;
    private int portA;
    private Api api;
    private List<BenchRoom> rooms;

    private Bench(boolean quick, Path jar, Path out, Path work) {
        this.scale = Scale.of(quick);
        this.jar = jar;
        this.out = out;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(Boolean.getBoolean("bench.quick"), Path.of(System.getProperty("bench.jar")),
                Path.of(System.getProperty("bench.out")), Path.of(System.getProperty("bench.work")));
        int status = 0;
        try {
            bench.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // WireMock and Vert.x leave non-daemon threads behind.
        System.exit(status);
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        Files.createDirectories(work);
        Files.createDirectories(out);
        System.setProperty("dealroom.server.jar", jar.toString());
        recreateDatabase();
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        authServer = oidc.start().get("keycloak.url") + "/realms/quarkus";
        System.setProperty("smallrye.jwt.sign.key.location", "privateKey.jwk");
        try {
            portA = ChildProcess.freePort();
            nodeA = startNode("a", portA);
            api = new Api(nodeA.url);
            log("setting up %d rooms of 10 members", scale.rooms());
            rooms = api.openRooms("Bench room ", scale.rooms(), 10, WORKSTREAMS, 8);
            floorRun = floor();
            try (Fleet fleet = new Fleet(rooms, nodeA.url)) {
                fanOut(fleet);
                fleet.disconnectAll();
                durableWrites();
                catchUp(fleet);
                twoNodes(fleet);
                coordination();
                connections(fleet);
            }
        } finally {
            for (ChildProcess node : nodes) {
                node.close();
            }
            oidc.stop();
        }
        warmUpSection();
        write(started, Duration.between(started, Instant.now()));
    }

    // ---- scenarios ---------------------------------------------------------------------------------------

    /**
     * The floor first, minutes before Deal Room on the same machine: a bare Vert.x server of its own (see
     * {@link Floor}) under W, the saturation steps and the durable writers, measured by the same load generator.
     */
    private FloorRun floor() throws Exception {
        try (Connection db = DriverManager.getConnection(JDBC + DATABASE, "postgres", "");
                Statement statement = db.createStatement()) {
            statement.execute("drop table if exists " + Floor.TABLE);
            statement.execute("create table " + Floor.TABLE + " (like post including defaults including indexes)");
        }
        int port = ChildProcess.freePort();
        long spawned = System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildProcess floor = ChildProcess.start("bench-floor.log", URI.create("http://localhost:" + port), Map.of(),
                Stream.of(Stream.of(java), SERVER_HEAP.stream(), Stream.of("-cp", System.getProperty("java.class.path"),
                        Floor.class.getName(), String.valueOf(port), DATABASE)).flatMap(part -> part).toList());
        nodes.add(floor);
        try {
            floor.awaitOk("/q/health/ready", Duration.ofSeconds(60));
            double readyMs = (System.nanoTime() - spawned) / 1e6;
            log("floor ready after %.0f ms", readyMs);
            List<Integer> all = IntStream.range(0, rooms.size()).boxed().toList();
            Measured w;
            List<Step> steps = new ArrayList<>();
            Map<Integer, Durable> durable = new java.util.LinkedHashMap<>();
            try (Fleet fleet = new Fleet(rooms, floor.url)) {
                log("floor: connecting %d clients", rooms.size() * 10);
                connectOrFail(fleet, floor.url, all, 1, room -> 0);
                warmUp("floor", fleet, all, floor);
                log("floor W: %d posts/s", scale.rate());
                w = measure(fleet, fleet.everyone(all), scale.rate(), scale.warmUp(), scale.measured(), floor);
                steps.add(new Step(scale.rate(), w));
                if (w.sustainable()) {
                    for (int rate = scale.rate() * 2; rate <= scale.saturationMax(); rate *= 2) {
                        log("floor saturation: %d posts/s", rate);
                        Measured step = measure(fleet, fleet.everyone(all), rate, Duration.ofSeconds(3), scale.step(),
                                floor);
                        steps.add(new Step(rate, step));
                        if (!step.sustainable()) {
                            break;
                        }
                    }
                }
                fleet.disconnectAll();
                for (int writers : DURABLE_WRITERS) {
                    log("floor durable posts: %d writers", writers);
                    durable.put(writers, durable(fleet, writers, floor));
                }
            }
            report.section("The floor: bare Vert.x, one INSERT, then broadcast", String.format("""
                    Every figure of Deal Room below is also given as a ratio to a *floor*: the least a server can
                    pay for the same requests on this machine, measured first in the same run, with the same load
                    generator, clients, schedules and checks per post and receiver. The floor
                    (`dev.dealroom.bench.Floor`) is a process of its own with the same `%s`: Vert.x %s, %d event
                    loops, and its reactive PostgreSQL client (a pool of %d, prepared statement, autocommit). It
                    takes the same requests — `POST /api/rooms/{room}/groups/{group}/posts` and one WebSocket per
                    member at `/ws/rooms/{room}` — and for a post does **one `INSERT`** of a row shaped like `post`
                    (table `%s`: the same columns, defaults and indexes), then writes the event's JSON in Deal Room's
                    envelope to each socket of the room and answers 201. It does **no authentication** (the bearer
                    token is not read), no membership or group check, no idempotency record, no event log and no
                    replay, so it is a lower bound, not a competitor. It was ready %s ms after its start.""",
                    String.join(" ", SERVER_HEAP), io.vertx.core.impl.launcher.commands.VersionCommand.getVersion(),
                    io.vertx.core.VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, Floor.POOL_SIZE, Floor.TABLE,
                    Report.ms(readyMs)));
            return new FloorRun(readyMs, w, steps, durable);
        } finally {
            floor.close();
            nodes.remove(floor);
        }
    }

    private void durableWrites() throws Exception {
        double[][] chart = new double[DURABLE_WRITERS.length][];
        Pgbench pgbench = new Pgbench(JDBC + DATABASE, DATABASE, work);
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> costRows = new ArrayList<>();
        for (int i = 0; i < DURABLE_WRITERS.length; i++) {
            int writers = DURABLE_WRITERS[i];
            log("ceiling: pgbench with %d clients", writers);
            double[] postgresBefore = Probe.postgresCpuSeconds(DATABASE);
            long[] busyBefore = Probe.machineJiffies();
            int seconds = (int) scale.step().toSeconds();
            Pgbench.Result ceiling = pgbench.run(writers, seconds);
            Cost ceilingCost = new Cost((long) (ceiling.tps() * seconds), seconds, Double.NaN, -1,
                    Probe.postgresCpuSeconds(DATABASE), postgresBefore, Probe.busyShare(busyBefore,
                            Probe.machineJiffies()));
            log("durable posts: %d writers", writers);
            Durable posts;
            try (Fleet writing = new Fleet(rooms, nodeA.url)) {
                posts = durable(writing, writers, nodeA);
            }
            Durable floor = floorRun.durable().get(writers);
            double ratio = posts.rate() / ceiling.tps();
            chart[i] = new double[] {ceiling.tps(), posts.rate(), floor.rate()};
            rows.add(posts.row("Deal Room", ceiling));
            rows.add(floor.row("floor", ceiling));
            rows.add(posts.ratioRow(floor));
            costRows.add(ceilingCost.row(writers, "pgbench (per transaction)"));
            costRows.add(floor.cost().row(writers, "floor"));
            costRows.add(posts.cost().row(writers, "Deal Room"));
            costRows.add(posts.cost().ratioRow(writers, floor.cost()));
            if (writers != COSTED_WRITERS) {
                continue;
            }
            report.check("durable posts, " + writers + " writers", ">= 0.5 x pgbench",
                    String.format("%.2f x (%s vs %s /s); floor %.2f x, Deal Room = %s floor", ratio,
                            Report.count(posts.rate()), Report.count(ceiling.tps()), floor.rate() / ceiling.tps(),
                            Report.times(posts.rate() / floor.rate())), ratio >= 0.5);
            Cost cost = posts.cost();
            report.check("server CPU per post, " + writers + " durable writers", "<= 0.6 ms",
                    String.format("%s ms (floor %s ms, %s)", Report.ms(cost.serverCpuMs()),
                            Report.ms(floor.cost().serverCpuMs()),
                            Report.times(cost.serverCpuMs() / floor.cost().serverCpuMs())),
                    cost.serverCpuMs() <= 0.6);
            report.check("server allocation per post, " + writers + " durable writers", "<= 60 KB",
                    String.format("%s KB (floor %s KB, %s)", Report.count(cost.allocatedKb()),
                            Report.count(floor.cost().allocatedKb()),
                            Report.times(cost.allocatedKb() / floor.cost().allocatedKb())),
                    cost.allocatedKb() <= 60);
            report.check("PostgreSQL CPU per post, " + writers + " durable writers", "<= 0.5 ms",
                    String.format("%s ms (floor %s ms, pgbench %s ms per transaction)",
                            Report.ms(cost.postgresMs()), Report.ms(floor.cost().postgresMs()),
                            Report.ms(ceilingCost.postgresMs())), cost.postgresMs() <= 0.5);
        }
        report.section("Durable posts against the PostgreSQL ceiling and the floor", """
                *Ceiling*: `pgbench` commits one row shaped like a post (the `post` table's columns, types and
                indexes, a 200-byte body) per transaction. *Durable posts*: closed-loop writers, each in a room of
                its own, `POST …/groups/everyone/posts` with a `clientId` as the web page sends it, no socket
                connected; a post counts when the server has answered 201, i.e. after the post, its event and its
                idempotency record committed. *Floor*: the same writers against the floor (one `INSERT`, no
                authentication). Same PostgreSQL, same `synchronous_commit`, same run; 3 s unmeasured, then the
                measured window.""");
        report.table(Durable.HEADERS, rows);
        report.section("Cost per post", String.format("""
                Measured over the same windows as the durable posts above (no socket connected, so a post's
                cost without its deliveries), divided by the posts acknowledged in the window. *Server CPU*: user
                + system time of the server process from `/proc/<pid>/stat`. *Server allocation*: the bytes the
                server's threads allocated on the heap, summed over its threads from
                `com.sun.management.ThreadMXBean.getThreadAllocatedBytes` before and after the window (read through
                the local management agent the JDK's attach API starts in the process, as `jconsole` does; the
                server runs with no extra flag; the agent's own threads are left out, and a thread that ended
                inside the window would be missed). *PostgreSQL*: user + system time, from `/proc`, of the live
                backends and autovacuum workers of `%s` (told by their process title) and, separately, of the
                processes every database shares (postmaster, WAL writer, checkpointer, background writer) plus the
                backends that ended in the window (the postmaster's reaped children); live backends of other
                databases on the same server are left out. The pgbench row divides PostgreSQL's time over the
                whole pgbench run (its connections open and end with it, so they count as ended) by its
                transactions. Targets are for %d writers.""", DATABASE,
                COSTED_WRITERS));
        report.table(Cost.HEADERS, costRows);
        panels.add(new Chart.Panel("Durable writes per second", "per second",
                java.util.Arrays.stream(DURABLE_WRITERS).mapToObj(writers -> writers + " writers").toList(),
                List.of("pgbench ceiling", "Deal Room posts", "floor posts"), chart, false, 0));
    }

    /** Closed-loop writers, each in a room of its own, and what their window cost the server and PostgreSQL. */
    private Durable durable(Fleet fleet, int writers, ChildProcess server) throws Exception {
        List<Fleet.Target> targets = IntStream.range(0, writers).mapToObj(i -> new Fleet.Target(
                i % rooms.size(), "everyone", rooms.get(i % rooms.size()).members().get(1 + i / rooms.size())))
                .toList();
        try (Probe.Allocations allocations = new Probe.Allocations(server.pid())) {
            Window run = fleet.startClosedLoop(Fleet.fixed(targets), Duration.ofSeconds(3), scale.step());
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.max(0, run.start - System.nanoTime()));
            Reading before = Reading.of(server, allocations, fleet);
            fleet.awaitEnd(run);
            Reading after = Reading.of(server, allocations, fleet);
            fleet.settle(run, Duration.ofSeconds(10));
            Cost cost = new Cost(after.acknowledged() - before.acknowledged(), (after.nanos() - before.nanos()) / 1e9,
                    after.serverCpu() - before.serverCpu(),
                    Probe.Allocations.between(before.allocated(), after.allocated()), after.postgres(),
                    before.postgres(), Probe.busyShare(before.jiffies(), after.jiffies()));
            log("  %.0f posts/s, p50 %.2f ms; per post: server %.3f ms CPU, %.1f KB, PostgreSQL %.3f ms",
                    run.acks.getTotalCount() / run.seconds(), Report.p(run.acks, 50), cost.serverCpuMs(),
                    cost.allocatedKb(), cost.postgresMs());
            return new Durable(writers, run, cost);
        }
    }

    private void fanOut(Fleet fleet) throws Exception {
        List<Integer> all = IntStream.range(0, rooms.size()).boxed().toList();
        log("fan-out: connecting %d clients", rooms.size() * 10);
        connectOrFail(fleet, nodeA.url, all, 1, this::seqOf);
        warmUp("Deal Room, node a", fleet, all, nodeA);
        List<List<String>> rows = new ArrayList<>();
        List<String> categories = latencyRuns;
        List<double[]> bars = latencyBars;
        Measured floorW = floorRun.w();

        log("fan-out W: %d posts/s", scale.rate());
        Measured w = measure(fleet, fleet.everyone(all), scale.rate(), scale.warmUp(), scale.measured(), nodeA);
        rows.add(w.row("W: Deal Room, everyone, " + scale.rate() + " posts/s"));
        rows.add(floorW.row("W: floor, " + scale.rate() + " posts/s"));
        rows.add(w.ratioRow("W: Deal Room ÷ floor", floorW));
        categories.add("floor W");
        bars.add(floorW.bars());
        categories.add("W");
        bars.add(w.bars());
        report.check("W: " + Report.count(w.clients()) + " clients, " + scale.rate() + " posts/s",
                "p99 <= 5 ms and <= 2 x the floor's p99, 0 lost, 0 duplicated",
                w.summary() + "; floor p99 " + Report.ms(floorW.p99()) + " ms, Deal Room = "
                        + Report.times(w.p99() / floorW.p99()) + " floor",
                w.p99() <= 5 && w.p99() <= 2 * floorW.p99() && w.clean());
        long heap = Probe.heapAfterGc(nodeA.pid());
        long rss = Probe.rss(nodeA.pid());

        log("fan-out W over groups");
        Measured spread = measure(fleet, fleet.spread(all, List.of(WORKSTREAMS)), scale.rate(), scale.warmUp(),
                scale.step(), nodeA);
        rows.add(spread.row("W over groups (proof / business-case)"));
        categories.add("W groups");
        bars.add(spread.bars());
        report.check("W over groups: nothing seen outside one's groups", "0 forbidden, 0 lost",
                spread.outcome.forbidden() + " forbidden, " + spread.outcome.lost() + " lost",
                spread.outcome.forbidden() == 0 && spread.clean());

        List<Step> steps = new ArrayList<>();
        steps.add(new Step(scale.rate(), w));
        if (w.sustainable()) {
            for (int rate = scale.rate() * 2; rate <= scale.saturationMax(); rate *= 2) {
                log("saturation: %d posts/s", rate);
                Measured step = measure(fleet, fleet.everyone(all), rate, Duration.ofSeconds(3), scale.step(), nodeA);
                steps.add(new Step(rate, step));
                if (!step.sustainable()) {
                    break;
                }
                categories.add(rate + "/s");
                bars.add(step.bars());
            }
        }
        Step sustained = Step.highestSustained(steps);
        Step floorSustained = Step.highestSustained(floorRun.steps());
        List<List<String>> stepRows = new ArrayList<>();
        for (int rate = scale.rate(); rate <= scale.saturationMax(); rate *= 2) {
            Step ours = Step.at(steps, rate);
            Step floor = Step.at(floorRun.steps(), rate);
            if (ours != null) {
                stepRows.add(ours.row("Deal Room", floor));
            }
            if (floor != null) {
                stepRows.add(floor.row("floor", null));
            }
        }
        report.section("Live fan-out (workload W)", String.format("""
                %,d authenticated WebSocket clients (bearer token at the upgrade) in %d rooms, 10 per room; posts
                round-robin over the rooms, each by the next member of its room, open loop (the schedule never
                waits for answers), ~200-byte bodies carrying the send time. Latency: from the moment the writer
                hands the post to its HTTP client to its receipt at each of the room's 10 connections (the
                writer's own included); %s s warm-up, then %s s measured. Before the first run each server is
                warmed up until its throughput stops rising (see Warm-up). Lost = acknowledged posts an expected
                receiver never got; the counts are checked per post and receiver, not estimated. The floor's row
                is the same run against the floor, and the ratio row divides Deal Room's figure by the floor's.
                The variant puts each buyer in one workstream (proof or business-case) and posts there: each
                client checks that every post it receives is from a group its member is in.""",
                rooms.size() * 10, rooms.size(), scale.warmUp().toSeconds(), scale.measured().toSeconds()));
        report.table(Measured.HEADERS, rows);
        report.paragraph(String.format("Server memory with the %,d clients connected, after W: heap in use after a"
                + " full collection %,.0f MiB, resident set %,.0f MiB.", w.clients(), heap / 1048576.0,
                rss / 1048576.0));
        report.section("Saturation", String.format("""
                W with the post rate doubled step by step (3 s warm-up, %d s measured each) until p99 passes
                %.0f ms, anything is lost or duplicated, a post fails, or the load generator cannot keep the
                schedule; the floor went through the same steps first. CPU per delivery = the server process's
                CPU time over the step / deliveries. Highest sustained: Deal Room %s posts/s, floor %s posts/s.""",
                scale.step().toSeconds(), P99_LIMIT_MS, Report.count(sustained == null ? 0 : sustained.rate()),
                Report.count(floorSustained == null ? 0 : floorSustained.rate())));
        report.table(Step.HEADERS, stepRows);
        double sustainedDeliveries = sustained == null ? 0 : sustained.measured().deliveriesPerSecond();
        report.check("saturation: highest sustained rate", ">= 2,000 posts/s (20,000 deliveries/s), p99 <= 50 ms",
                Report.count(sustained == null ? 0 : sustained.rate()) + " posts/s ("
                        + Report.count(sustainedDeliveries) + " deliveries/s); floor "
                        + Report.count(floorSustained == null ? 0 : floorSustained.rate()) + " posts/s",
                sustained != null && sustained.rate() >= 2_000);
    }

    private void catchUp(Fleet fleet) throws Exception {
        fleet.disconnectAll();
        List<Integer> some = IntStream.range(0, Math.min(scale.catchUpRooms(), rooms.size())).boxed().toList();
        log("catch-up: connecting %d clients", some.size() * 10);
        connectOrFail(fleet, nodeA.url, some, 1, this::seqOf);
        fleet.reconnectOnClose(true);
        int rate = Math.max(50, scale.rate() * 2 / 5);
        AtomicReference<Window> writing = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                writing.set(fleet.openLoop(fleet.everyone(some), rate, Duration.ZERO, Duration.ofSeconds(16), true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        Thread.sleep(5_000);
        log("catch-up: restarting the server");
        long down = System.nanoTime();
        nodeA.close();
        nodes.remove(nodeA);
        long stopped = System.nanoTime();
        while (fleet.readyListeners() > 0 && System.nanoTime() - stopped < 5_000_000_000L) {
            Thread.sleep(5);
        }
        long starting = System.nanoTime();
        nodeA = startNode("a-restarted", portA);
        long up = System.nanoTime();
        long resumed;
        while ((resumed = fleet.allResumedAt()) < 0 && System.nanoTime() - up < 30_000_000_000L) {
            Thread.sleep(5);
        }
        long firstResumed = fleet.firstResumedAt();
        writer.join();
        Outcome outcome = fleet.settle(writing.get(), Duration.ofSeconds(30));
        fleet.reconnectOnClose(false);
        // Clients get in as soon as the port opens, before the health check (polled every 20 ms) answers: the
        // catch-up is measured from the first client resumed to the last.
        double catchUpMs = resumed < 0 ? Double.NaN : (resumed - firstResumed) / 1e6;
        report.section("Catch-up after a restart", String.format("""
                %,d clients connected (%d rooms × 10), writers posting %d posts/s to those rooms throughout. After
                5 s the server is stopped (SIGTERM) and started again on the same port and database. Clients
                reconnect 50–100 ms after their socket closes, then every 100 ms, each with `since` = the last
                seq it saw; writers retry a refused post with the same `clientId` until it is answered. Resumed =
                the client has had its `ready` (replay done). Every acknowledged post is then checked at every
                receiver, across the whole run.""", some.size() * 10, some.size(), rate));
        report.table(List.of("stop (SIGTERM → exited) ms", "start → ready ms", "first → last client resumed ms",
                "down → all resumed ms", "posts acknowledged", "lost", "duplicated", "posts failed"),
                List.of(List.of(Report.ms((stopped - down) / 1e6), Report.ms((up - starting) / 1e6),
                        resumed < 0 ? "not all resumed in 30 s" : Report.ms(catchUpMs),
                        resumed < 0 ? "–" : Report.ms((resumed - down) / 1e6), Report.count(outcome.acknowledged()),
                        Report.count(outcome.lost()), Report.count(outcome.duplicated()),
                        Report.count(outcome.posts() - outcome.acknowledged()))));
        report.check("catch-up of " + some.size() * 10 + " clients after a restart",
                "<= 2 s (first to last resumed), 0 lost, 0 duplicated",
                (resumed < 0 ? "not all resumed" : Report.ms(catchUpMs) + " ms") + ", " + outcome.lost() + " lost, "
                        + outcome.duplicated() + " duplicated",
                resumed >= 0 && catchUpMs <= 2_000 && outcome.lost() == 0 && outcome.duplicated() == 0);
        api.server(nodeA.url);
    }

    private void twoNodes(Fleet fleet) throws Exception {
        fleet.disconnectAll();
        ChildProcess nodeB = startNode("b", ChildProcess.freePort());
        List<Integer> all = IntStream.range(0, rooms.size()).boxed().toList();
        log("two nodes: %d clients on node b, writers on node a", rooms.size() * 10);
        connectOrFail(fleet, nodeB.url, all, 1, this::seqOf);
        warmUp("Deal Room, two nodes (a restarted, b new)", fleet, all, nodeA);
        Measured crossing = measure(fleet, fleet.everyone(all), scale.rate(), scale.warmUp(), scale.measured(), nodeA);
        fleet.disconnectAll();
        nodeB.close();
        nodes.remove(nodeB);
        report.section("Two nodes", """
                W again, with every client connected to node b and every post written through node a: a commit on
                a wakes b through PostgreSQL `LISTEN/NOTIFY` (coalesced, outside the write transaction), and b reads
                the rows itself. Node b is new and node a restarted in the previous scenario: both are warmed up
                first (see Warm-up). The ratio row divides by the floor's W (one node: the floor has no second).""");
        report.table(Measured.HEADERS, List.of(crossing.row("W across two nodes"),
                crossing.ratioRow("two nodes ÷ floor W", floorRun.w())));
        report.check("two nodes at W", "p99 <= 10 ms, 0 lost", crossing.summary() + "; "
                + Report.times(crossing.p99() / floorRun.w().p99()) + " the floor's W p99",
                crossing.p99() <= 10 && crossing.clean());
        latencyRuns.add("2 nodes");
        latencyBars.add(crossing.bars());
        double slowest = startups.stream().mapToDouble(NodeStart::readyMs).max()
                .orElse(Double.NaN);
        report.check("start to ready (slowest node start)", "<= 2 s", Report.ms(slowest) + " ms (floor "
                + Report.ms(floorRun.readyMs()) + " ms)", slowest <= 2_000);
    }

    private void coordination() throws Exception {
        log("coordination: seeding a room with %d tasks and %d posts", scale.scaleTasks(), scale.scalePosts());
        BenchRoom big = api.openRooms("Scale room", 1, 10, new String[] {"proof", "implementation",
            "success-metrics", "business-case", "contracts"}, 1).get(0);
        String owner = big.members().get(0).token();
        for (String name : List.of("Security review", "Procurement", "Executive briefing")) {
            api.post(owner, "/api/rooms/" + big.id() + "/groups", Map.of("name", name));
        }
        Person seller = Person.random("pipeline");
        log("coordination: opening a pipeline of %d rooms", scale.pipelineRooms());
        List<BenchRoom> pipeline = api.openRooms("Pipeline room ", scale.pipelineRooms(), 3, WORKSTREAMS, 8, seller);
        try (Seeder seeder = new Seeder(JDBC + DATABASE)) {
            seeder.fill(big.id(), scale.scaleTasks(), scale.scalePosts());
            for (BenchRoom room : pipeline) {
                seeder.fill(room.id(), 20, 100);
            }
            seeder.analyze();
        }
        Histogram progress = timedGets(owner, "/api/rooms/" + big.id() + "/progress", 20, 200);
        Histogram pipe = timedGets(Api.token(seller), "/api/pipeline", 5, 50);
        // the heaviest page: sorting by health computes every room's health, whichever 50 it shows
        Histogram pipeByHealth = timedGets(Api.token(seller), "/api/pipeline?sort=health&order=desc", 5, 50);
        Histogram unread = timedGets(owner, "/api/rooms/" + big.id() + "/unread", 20, 200);
        report.section("Coordination at scale", String.format("""
                One room with 10 groups, %,d tasks and %,d posts (each with its event), read by its owner (who
                sees every group's figures); a pipeline of %d rooms (20 tasks and 100 posts each) read by their
                seller, a page of 50 at a time: the first page (what the home screen asks) and the first page by
                health, which computes every room's health. Sequential requests over one keep-alive connection
                with one bearer token (verified on the first request, recalled after); the history is bulk-loaded
                into the tables after the rooms are made through the API.""",
                scale.scaleTasks(), scale.scalePosts(), scale.pipelineRooms()));
        List<String> headers = List.of("request", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms");
        report.table(headers, List.of(row("`GET /api/rooms/{id}/progress`", progress),
                row("`GET /api/rooms/{id}/unread`", unread),
                row("`GET /api/pipeline` (first 50 of " + scale.pipelineRooms() + " rooms)", pipe),
                row("`GET /api/pipeline?sort=health&order=desc` (first 50 of " + scale.pipelineRooms() + ")",
                        pipeByHealth)));
        report.check("progress of a room with 10 groups, " + Report.count(scale.scaleTasks()) + " tasks, "
                + Report.count(scale.scalePosts()) + " posts", "p95 <= 20 ms",
                Report.ms(Report.p(progress, 95)) + " ms", Report.p(progress, 95) <= 20);
        report.check("pipeline of " + scale.pipelineRooms() + " rooms (a page by health: every room computed)",
                "p95 <= 50 ms", Report.ms(Report.p(pipeByHealth, 95)) + " ms (first page by decision date: "
                        + Report.ms(Report.p(pipe, 95)) + " ms)", Report.p(pipeByHealth, 95) <= 50);
    }

    private void connections(Fleet fleet) throws Exception {
        fleet.disconnectAll();
        long pid = nodeA.pid();
        List<Integer> all = IntStream.range(0, rooms.size()).boxed().toList();
        List<long[]> readings = new ArrayList<>();
        readings.add(new long[] {0, Probe.heapAfterGc(pid), Probe.rss(pid)});
        int held = 0;
        String stop = "the step limit of " + Report.count(scale.maxConnections()) + " connections";
        while (held + rooms.size() * 10 <= scale.maxConnections()) {
            int target = held + rooms.size() * 10;
            log("connections: %d", target);
            int ready = fleet.connect(nodeA.url, all, 1, this::seqOf, 200, Duration.ofSeconds(120));
            if (ready < target || fleet.failedConnects() > 0) {
                stop = String.format("a failed step: %d of %d ready, %d refused", ready, target,
                        fleet.failedConnects());
                held = ready;
                break;
            }
            held = ready;
            readings.add(new long[] {held, Probe.heapAfterGc(pid), Probe.rss(pid)});
        }
        double perConnection = slope(readings, 1);
        double rssPerConnection = slope(readings, 2);
        double perGb = (1L << 30) / perConnection;
        fleet.disconnectAll();
        List<List<String>> rows = readings.stream().map(reading -> List.of(Report.count(reading[0]),
                Report.count(reading[1] / 1048576.0), Report.count(reading[2] / 1048576.0))).toList();
        report.section("Idle connections", String.format("""
                The server runs with `-Xmx1g`. Authenticated, idle WebSocket connections are added %,d at a time
                (each member of the %d rooms once more), and after each step the heap in use after a full
                collection (`jcmd GC.run`, `GC.heap_info`) and the resident set are read. The run stopped at %s.
                Memory per connection is the least-squares slope of heap against connections.""",
                rooms.size() * 10, rooms.size(), stop));
        report.table(List.of("connections", "heap after GC MiB", "RSS MiB"), rows);
        report.paragraph(String.format("Heap per connection: **%,.0f bytes** (RSS: %,.0f bytes) → **%,.0f connections"
                + " per GiB of heap**; %,d held at once.", perConnection, rssPerConnection, perGb, held));
        report.check("idle authenticated connections per GB of heap", ">= 20,000",
                Report.count(perGb) + " (" + Report.count(perConnection) + " B each; " + Report.count(held) + " held)",
                perGb >= 20_000);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A node's start: from spawning the process to its first ready answer, and Quarkus's own figure. */
    private record NodeStart(String name, double readyMs, String quarkusSays) {
    }

    /** One open-loop run and what it cost the server. */
    private record Measured(int clients, Window window, Outcome outcome, double serverCpuSeconds,
            double generatorCpuSeconds, double machineBusy, Probe.Pauses gc) {

        static final List<String> HEADERS = List.of("run", "clients", "posts/s", "deliveries/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "lost", "duplicated", "failed posts", "server CPU", "load generator CPU",
                "machine busy", "server GC pauses");

        double p99() {
            return window.deliveries.getTotalCount() == 0 ? Double.MAX_VALUE : Report.p(window.deliveries, 99);
        }

        boolean clean() {
            return outcome.lost() == 0 && outcome.duplicated() == 0 && outcome.posts() == outcome.acknowledged()
                    && outcome.delivered() > 0;
        }

        boolean sustainable() {
            return clean() && p99() <= P99_LIMIT_MS && !window.generatorBacklog;
        }

        double deliveriesPerSecond() {
            return outcome.delivered() / window.seconds();
        }

        double postsPerSecond() {
            return outcome.posts() / window.seconds();
        }

        double serverCores() {
            return serverCpuSeconds / window.seconds();
        }

        /** Each throughput, latency and CPU figure of this run divided by the same figure of {@code floor}. */
        List<String> ratioRow(String name, Measured floor) {
            List<String> row = new ArrayList<>(List.of(name, "",
                    Report.times(postsPerSecond() / floor.postsPerSecond()),
                    Report.times(deliveriesPerSecond() / floor.deliveriesPerSecond())));
            for (double percentile : new double[] {50, 95, 99}) {
                row.add(Report.times(Report.p(window.deliveries, percentile)
                        / Report.p(floor.window.deliveries, percentile)));
            }
            row.add(Report.times((double) window.deliveries.getMaxValue() / floor.window.deliveries.getMaxValue()));
            row.addAll(List.of("", "", "", Report.times(serverCores() / floor.serverCores()), "", "", ""));
            return row;
        }

        double[] bars() {
            return new double[] {Report.p(window.deliveries, 50), Report.p(window.deliveries, 95), p99()};
        }

        String summary() {
            return String.format("p99 %s ms, %d lost, %d duplicated", Report.ms(p99()), outcome.lost(),
                    outcome.duplicated());
        }

        List<String> row(String name) {
            List<String> row = new ArrayList<>(List.of(name, Report.count(clients),
                    Report.count(outcome.posts() / window.seconds()), Report.count(deliveriesPerSecond())));
            row.addAll(Report.percentiles(window.deliveries));
            row.addAll(List.of(Report.count(outcome.lost()), Report.count(outcome.duplicated()),
                    Report.count(outcome.posts() - outcome.acknowledged()),
                    String.format("%.0f%% of a core", 100 * serverCpuSeconds / window.seconds()),
                    String.format("%.0f%% of a core", 100 * generatorCpuSeconds / window.seconds()),
                    String.format("%.0f%% of 2 cores", 100 * machineBusy),
                    String.format("%d, %.0f ms in all (%.2f%% of the time)", gc.count(), gc.seconds() * 1000,
                            100 * gc.seconds() / window.seconds())));
            return row;
        }

    }

    /** One saturation step: the rate offered and what it gave. */
    private record Step(int rate, Measured measured) {

        static final List<String> HEADERS = List.of("posts/s offered", "server", "deliveries/s", "p50 ms", "p99 ms",
                "max ms", "lost", "dup", "failed", "generator kept up", "server CPU µs / delivery", "machine busy",
                "sustained", "deliveries/s ÷ floor", "p99 ÷ floor");

        static Step at(List<Step> steps, int rate) {
            return steps.stream().filter(step -> step.rate() == rate).findFirst().orElse(null);
        }

        /** The highest step sustained with every lower one sustained too, or null. */
        static Step highestSustained(List<Step> steps) {
            Step highest = null;
            for (Step step : steps) {
                if (!step.measured().sustainable()) {
                    break;
                }
                highest = step;
            }
            return highest;
        }

        List<String> row(String server, Step floor) {
            Measured m = measured;
            Window window = m.window();
            Outcome outcome = m.outcome();
            return List.of(Report.count(rate), server, Report.count(m.deliveriesPerSecond()),
                    Report.ms(Report.p(window.deliveries, 50)), Report.ms(m.p99()),
                    Report.ms(window.deliveries.getMaxValue() / 1000.0), Report.count(outcome.lost()),
                    Report.count(outcome.duplicated()), Report.count(outcome.posts() - outcome.acknowledged()),
                    window.generatorBacklog ? "no" : "yes (max lag " + Report.ms(window.maxScheduleLagNanos / 1e6)
                            + " ms)",
                    String.format("%.1f", m.serverCpuSeconds() * 1e6 / Math.max(1, outcome.delivered())),
                    String.format("%.0f%%", 100 * m.machineBusy()), m.sustainable() ? "yes" : "no",
                    floor == null ? "–" : Report.times(m.deliveriesPerSecond() / floor.measured().deliveriesPerSecond()),
                    floor == null ? "–" : Report.times(m.p99() / floor.measured().p99()));
        }
    }

    /** What the floor measured, minutes before Deal Room in the same run. */
    private record FloorRun(double readyMs, Measured w, List<Step> steps, Map<Integer, Durable> durable) {
    }

    /** A closed-loop durable-writes window and its cost. */
    private record Durable(int writers, Window run, Cost cost) {

        static final List<String> HEADERS = List.of("writers", "server", "pgbench tx/s", "pgbench avg ms", "posts/s",
                "p50 ms", "p95 ms", "p99 ms", "max ms", "÷ pgbench");

        double rate() {
            return run.acks.getTotalCount() / run.seconds();
        }

        List<String> row(String server, Pgbench.Result ceiling) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(writers), server, Report.count(ceiling.tps()),
                    Report.ms(ceiling.latencyAverageMs()), Report.count(rate())));
            row.addAll(Report.percentiles(run.acks));
            row.add(String.format("%.2f", rate() / ceiling.tps()));
            return row;
        }

        List<String> ratioRow(Durable floor) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(writers), "Deal Room ÷ floor", "", "",
                    Report.times(rate() / floor.rate())));
            for (double percentile : new double[] {50, 95, 99}) {
                row.add(Report.times(Report.p(run.acks, percentile) / Report.p(floor.run().acks, percentile)));
            }
            row.add(Report.times((double) run.acks.getMaxValue() / floor.run().acks.getMaxValue()));
            row.add("");
            return row;
        }
    }

    /** The instant readings a cost is the difference of. */
    private record Reading(long nanos, double serverCpu, Map<Long, Long> allocated, double[] postgres,
            long acknowledged, long[] jiffies) {

        static Reading of(ChildProcess server, Probe.Allocations allocations, Fleet fleet) throws IOException {
            long nanos = System.nanoTime();
            return new Reading(nanos, Probe.cpuSeconds(server.pid()), allocations.snapshot(),
                    Probe.postgresCpuSeconds(DATABASE), fleet.acknowledged(), Probe.machineJiffies());
        }
    }

    /**
     * What {@code posts} durable posts (or pgbench transactions) cost over a window: server CPU seconds (NaN for
     * pgbench), bytes the server allocated (-1: not measured), PostgreSQL CPU seconds of this database's
     * processes and of the shared ones.
     */
    private record Cost(long posts, double seconds, double serverCpu, long allocated, double postgresOwn,
            double postgresShared, double machineBusy) {

        static final List<String> HEADERS = List.of("writers", "run", "posts in window", "server CPU ms / post",
                "server allocation KB / post", "PostgreSQL ms / post: backends", "PostgreSQL ms / post: shared, ended",
                "PostgreSQL ms / post: total", "machine busy");

        Cost(long posts, double seconds, double serverCpu, long allocated, double[] postgresAfter,
                double[] postgresBefore, double machineBusy) {
            this(posts, seconds, serverCpu, allocated, postgresAfter[0] - postgresBefore[0],
                    postgresAfter[1] - postgresBefore[1], machineBusy);
        }

        double serverCpuMs() {
            return serverCpu * 1e3 / Math.max(1, posts);
        }

        double allocatedKb() {
            return allocated < 0 ? Double.NaN : allocated / 1024.0 / Math.max(1, posts);
        }

        double postgresMs() {
            return (postgresOwn + postgresShared) * 1e3 / Math.max(1, posts);
        }

        List<String> row(int writers, String run) {
            return List.of(String.valueOf(writers), run, Report.count(posts),
                    Double.isNaN(serverCpu) ? "–" : Report.ms(serverCpuMs()),
                    allocated < 0 ? "–" : String.format("%.1f", allocatedKb()),
                    Report.ms(postgresOwn * 1e3 / Math.max(1, posts)),
                    Report.ms(postgresShared * 1e3 / Math.max(1, posts)), Report.ms(postgresMs()),
                    String.format("%.0f%%", 100 * machineBusy));
        }

        List<String> ratioRow(int writers, Cost floor) {
            return List.of(String.valueOf(writers), "Deal Room ÷ floor", "",
                    Report.times(serverCpuMs() / floor.serverCpuMs()), Report.times(allocatedKb() / floor.allocatedKb()),
                    Report.times(postgresOwn / posts / (floor.postgresOwn() / floor.posts())),
                    Report.times(postgresShared / posts / (floor.postgresShared() / floor.posts())),
                    Report.times(postgresMs() / floor.postgresMs()), "");
        }
    }

    /** A server's warm-up: the closed-loop throughput of each window, and whether it levelled off or hit the cap. */
    private record WarmUp(String server, List<Double> rates, double seconds, boolean levelled) {
    }

    private Measured measure(Fleet fleet, Fleet.Plan plan, int rate, Duration warmUp, Duration measured,
            ChildProcess server) throws Exception {
        Duration cpuBefore = Probe.cpu(server.pid());
        Duration generatorBefore = Probe.cpu(ProcessHandle.current().pid());
        long[] busyBefore = Probe.machineJiffies();
        Probe.Pauses gcBefore = Probe.gcPauses(server.pid());
        Window window = fleet.openLoop(plan, rate, warmUp, measured, false);
        Probe.Pauses gc = Probe.gcPauses(server.pid()).since(gcBefore);
        Duration cpuAfter = Probe.cpu(server.pid());
        Duration generatorAfter = Probe.cpu(ProcessHandle.current().pid());
        long[] busyAfter = Probe.machineJiffies();
        Outcome outcome = fleet.settle(window, Duration.ofSeconds(20));
        // The CPU over the whole schedule, warm-up included, is divided by the measured part's share.
        double share = measured.toNanos() / (double) warmUp.plus(measured).toNanos();
        double cpu = (cpuAfter.toNanos() - cpuBefore.toNanos()) / 1e9 * share;
        double generator = (generatorAfter.toNanos() - generatorBefore.toNanos()) / 1e9 * share;
        log("  p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d lost, %d dup, %d failed, %.0f deliveries/s",
                Report.p(window.deliveries, 50), Report.p(window.deliveries, 99),
                window.deliveries.getMaxValue() / 1000.0, outcome.lost(), outcome.duplicated(),
                outcome.posts() - outcome.acknowledged(), outcome.delivered() / window.seconds());
        return new Measured(fleet.readyListeners(), window, outcome, cpu, generator,
                Probe.busyShare(busyBefore, busyAfter), gc.scaled(share));
    }

    /**
     * Warms {@code server} up until its throughput stops rising: {@value #WARM_UP_WRITERS} closed-loop writers post
     * round-robin over the rooms (so the connected clients get deliveries too) in windows of
     * {@code scale.warmUpWindow()}; after {@code scale.warmUpAtLeast()}, it ends when two windows in a row did not
     * beat the best window before them by more than {@value #WARM_UP_TOLERANCE}, or at {@code scale.warmUpCap()}.
     * A fresh JVM spends its first minutes compiling on the same two cores: a server measured before that is not
     * the server that has been up for a while.
     */
    private void warmUp(String server, Fleet fleet, List<Integer> roomIndexes, ChildProcess node) throws Exception {
        log("warming up %s (%s)", server, node.url);
        List<Double> rates = new ArrayList<>();
        double best = 0;
        int flat = 0;
        boolean levelled = false;
        long started = System.nanoTime();
        Window last = null;
        while (System.nanoTime() - started < scale.warmUpCap().toNanos()) {
            last = fleet.closedLoop(fleet.everyone(roomIndexes), WARM_UP_WRITERS, scale.warmUpWindow());
            double rate = last.acks.getTotalCount() / last.seconds();
            flat = rate > (1 + WARM_UP_TOLERANCE) * best ? 0 : flat + 1;
            best = Math.max(best, rate);
            rates.add(rate);
            log("  warm-up window %d: %.0f posts/s", rates.size(), rate);
            if (flat >= 2 && System.nanoTime() - started >= scale.warmUpAtLeast().toNanos()) {
                levelled = true;
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // The deliveries the last window queued, before anything is measured.
        fleet.settle(last, Duration.ofSeconds(30));
        warmUps.add(new WarmUp(server, rates, seconds, levelled));
    }

    private void warmUpSection() {
        report.section("Warm-up", String.format("""
                Before its first measured run, each server gets %d closed-loop writers posting round-robin over
                the rooms, with the clients connected, in windows of %d s: for at least %d s, then until two
                windows in a row have not beaten the best window before them by more than %.0f%% (throughput has
                stopped rising), or %d s in all. Posts/s of each window, in order:""", WARM_UP_WRITERS,
                scale.warmUpWindow().toSeconds(), scale.warmUpAtLeast().toSeconds(), 100 * WARM_UP_TOLERANCE,
                scale.warmUpCap().toSeconds()));
        report.table(List.of("server", "windows", "warm-up s", "posts/s per window", "ended"), warmUps.stream()
                .map(warmUp -> List.of(warmUp.server(), String.valueOf(warmUp.rates().size()),
                        String.format("%.0f", warmUp.seconds()), String.join(", ", warmUp.rates().stream()
                                .map(Report::count).toList()), warmUp.levelled() ? "stopped rising" : "at the cap"))
                .toList());
    }

    private void connectOrFail(Fleet fleet, URI node, List<Integer> roomIndexes, int copies,
            java.util.function.IntToLongFunction sinceOf) throws Exception {
        int expected = fleet.readyListeners() + roomIndexes.size() * 10 * copies;
        int ready = fleet.connect(node, roomIndexes, copies, sinceOf, 200, Duration.ofSeconds(120));
        if (ready < expected) {
            throw new IllegalStateException("Only " + ready + " of " + expected + " clients became ready ("
                    + fleet.failedConnects() + " refused)");
        }
    }

    private long seqOf(int roomIndex) {
        BenchRoom room = rooms.get(roomIndex);
        return api.get(room.members().get(0).token(), "/api/rooms/" + room.id()).path("seq").asLong();
    }

    private Histogram timedGets(String token, String path, int warmUp, int count) {
        for (int i = 0; i < warmUp; i++) {
            api.get(token, path);
        }
        Histogram micros = new Histogram(3);
        for (int i = 0; i < count; i++) {
            micros.recordValue(api.timedGet(token, path));
        }
        return micros;
    }

    private static List<String> row(String name, Histogram micros) {
        List<String> row = new ArrayList<>(List.of(name, Report.count(micros.getTotalCount())));
        row.addAll(Report.percentiles(micros));
        return row;
    }

    /** Least-squares slope of column {@code y} against column 0. */
    private static double slope(List<long[]> readings, int y) {
        double n = readings.size();
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (long[] reading : readings) {
            sx += reading[0];
            sy += reading[y];
            sxy += (double) reading[0] * reading[y];
            sxx += (double) reading[0] * reading[0];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private ChildProcess startNode(String name, int port) throws Exception {
        long spawned = System.nanoTime();
        // The harness's logins write faster than people do (one seller opens the 500-room pipeline, saturation posts
        // thousands a second): their limits are lifted out of reach, and still counted on every write.
        ChildProcess node = ChildProcess.server("bench-" + name, port, SERVER_HEAP, Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", JDBC + DATABASE,
                "QUARKUS_OIDC_AUTH_SERVER_URL", authServer,
                "QUARKUS_OIDC_CLIENT_ID", OidcTestServer.CLIENT_ID,
                "QUARKUS_OIDC_TOKEN_ISSUER", OidcTestServer.ISSUER,
                "QUARKUS_MAILER_MOCK", "true",
                "DEALROOM_PUBLIC_URL", "http://127.0.0.1:" + port,
                "DEALROOM_LIMITS_WRITES_PER_MINUTE", "100000000",
                "DEALROOM_LIMITS_ROOMS_PER_DAY", "100000000"));
        nodes.add(node);
        node.awaitOk("/q/health/ready", Duration.ofSeconds(60));
        double ms = (System.nanoTime() - spawned) / 1e6;
        Matcher startedIn = STARTED_IN.matcher(node.output());
        String own = startedIn.find() ? startedIn.group(1) + " s" : "?";
        startups.add(new NodeStart(name, ms, own));
        log("node %s ready after %.0f ms (Quarkus: started in %s)", name, ms, own);
        return node;
    }

    private static void recreateDatabase() throws Exception {
        try (Connection db = DriverManager.getConnection(JDBC + "postgres", "postgres", "");
                Statement statement = db.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        }
    }

    private void write(Instant started, Duration took) throws IOException {
        String date = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC).withNano(0));
        String postgres;
        try (Connection db = DriverManager.getConnection(JDBC + "postgres", "postgres", "");
                Statement statement = db.createStatement();
                var version = statement.executeQuery("select version(), current_setting('synchronous_commit'),"
                        + " current_setting('shared_buffers'), current_setting('max_connections')")) {
            version.next();
            postgres = version.getString(1).replaceAll(" on .*", "") + " (synchronous_commit " + version.getString(2)
                    + ", shared_buffers " + version.getString(3) + ")";
        } catch (java.sql.SQLException e) {
            postgres = "unknown";
        }
        String commit = Probe.firstLine(List.of("git", "describe", "--always", "--dirty"));
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Generated by `./mvnw -Pbench verify` (see the README). Do not edit by hand: the next run"
                + " rewrites it; the analysis at the end is kept in `src/test/resources/bench/analysis.md`.\n\n");
        md.append("![Latency and throughput](benchmarks.png)\n\n");
        md.append("| run | |\n|---|---|\n");
        md.append("| date (UTC) | ").append(date).append(" (took ").append(took.toMinutes()).append(" min ")
                .append(took.toSecondsPart()).append(" s)").append(" |\n");
        md.append("| machine | ").append(Probe.cpuModel()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(Probe.memoryBytes() >> 30).append(" GiB, Linux ")
                .append(Probe.firstLine(List.of("uname", "-r"))).append(" |\n");
        md.append("| Deal Room | ").append(commit).append(", Quarkus ").append(System.getProperty("bench.quarkus"))
                .append(", server JVM `").append(String.join(" ", serverJvm())).append("` (")
                .append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(") |\n");
        md.append("| PostgreSQL | ").append(postgres).append(" |\n");
        md.append("| load generator | this harness (`dev.dealroom.bench`), one JVM of its own, Vert.x ")
                .append(io.vertx.core.impl.launcher.commands.VersionCommand.getVersion())
                .append(" clients, HdrHistogram |\n");
        md.append("| node starts | ").append(String.join("; ", startups.stream().map(start -> start.name() + ": "
                + Report.ms(start.readyMs()) + " ms to ready (Quarkus says " + start.quarkusSays() + ")").toList()))
                .append(" |\n\n");
        md.append("## Targets\n\n").append(report.targets()).append('\n');
        md.append(report.sections());
        Path analysis = Path.of("src/test/resources/bench/analysis.md");
        if (Files.exists(analysis)) {
            md.append('\n').append(Files.readString(analysis).strip()).append('\n');
        }
        Files.writeString(out.resolve("benchmarks.md"), md.toString());
        panels.add(0, new Chart.Panel("Live delivery latency", "ms (log)", latencyRuns, List.of("p50", "p95", "p99"),
                latencyBars.toArray(double[][]::new), true, 5));
        Chart.write(out.resolve("benchmarks.png"), "Deal Room " + commit + ", " + date + " UTC, "
                + Runtime.getRuntime().availableProcessors() + " cores; load generator, server and PostgreSQL on one"
                + " machine", panels);
        log("wrote %s and benchmarks.png", out.resolve("benchmarks.md"));
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }

    /** The Deal Room nodes' JVM options as the report names them: the heap and any -Dbench.serverOptions. */
    private static List<String> serverJvm() {
        List<String> options = new ArrayList<>(SERVER_HEAP);
        options.addAll(ChildProcess.serverOptions());
        return options;
    }
}

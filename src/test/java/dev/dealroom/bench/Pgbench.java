package dev.dealroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling: PostgreSQL's own load generator committing one row shaped like a post (same columns, types,
 * ~200-byte body and indexes as {@code post}) per transaction, on the same server, database and durability
 * settings as the application, at a given number of clients.
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final String SCRIPT = """
            \\set g random(1, 200)
            insert into bench_post (id, room_id, group_id, seq, author_member_id, author_name, body, mentions,
                announcement, created_at)
            values (gen_random_uuid(), md5('room' || :g)::uuid, md5('group' || :g)::uuid, :client_id::bigint * 1000000000 + :g,
                md5('member' || :client_id)::uuid, 'Bench Writer', repeat('lorem ipsum ', 17), '{}', false, now());
            """;

    record Result(int clients, double tps, double latencyAverageMs) {
    }

    private final String jdbcUrl;
    private final String database;
    private final Path work;

    Pgbench(String jdbcUrl, String database, Path work) {
        this.jdbcUrl = jdbcUrl;
        this.database = database;
        this.work = work;
    }

    Result run(int clients, int seconds) throws IOException, InterruptedException, SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = db.createStatement()) {
            statement.execute("drop table if exists bench_post");
            statement.execute("create table bench_post (like post including defaults including indexes)");
        }
        Path script = Files.writeString(work.resolve("post-insert.sql"), SCRIPT);
        Path log = work.resolve("pgbench-" + clients + ".log");
        Process pgbench = new ProcessBuilder(List.of("pgbench", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres",
                "-n", "-M", "prepared", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds), "-f", script.toString(),
                database)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!pgbench.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            pgbench.destroyForcibly();
            throw new IllegalStateException("pgbench did not finish; see " + log);
        }
        String output = Files.readString(log);
        Matcher tps = TPS.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        if (pgbench.exitValue() != 0 || !tps.find() || !latency.find()) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = db.createStatement()) {
            statement.execute("drop table bench_post");
        }
        return new Result(clients, Double.parseDouble(tps.group(1)), Double.parseDouble(latency.group(1)));
    }
}

package dev.dealroom.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the integration tests start as a process of its own — a node of the packaged Deal Room, or
 * Keycloak — with its output in a log file under {@code target/}, stopped when the test is done.
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    public final URI url;

    private ChildProcess(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts {@code command} with {@code env} added, logging to {@code target/<log>}. */
    public static ChildProcess start(String log, URI url, Map<String, String> env, List<String> command)
            throws IOException {
        Path file = Files.createDirectories(Path.of("target", "it-logs")).resolve(log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(file.toFile());
        builder.environment().putAll(env);
        return new ChildProcess(builder.start(), file, url);
    }

    /** A node of the packaged server on a free port, configured by {@code env} (database, OIDC, …). */
    public static ChildProcess server(String name, Map<String, String> env) throws IOException {
        return server(name, freePort(), List.of("-Xmx256m"), env);
    }

    /** A node of the packaged server on {@code port} with the heap options {@code heap} (e.g. -Xmx1g). */
    public static ChildProcess server(String name, int port, List<String> heap, Map<String, String> env)
            throws IOException {
        Path jar = Path.of(System.getProperty("dealroom.server.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.exists(jar), jar + " is built by `package`, before integration tests");
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // -Ddealroom.it.database=… runs the nodes on another database (each engineer's own, say).
        all.putIfAbsent("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:5432/"
                + System.getProperty("dealroom.it.database", "dealroom_test"));
        all.putIfAbsent("QUARKUS_DATASOURCE_USERNAME", "postgres");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(heap);
        List<String> options = serverOptions().stream().map(option -> option.replace("{node}", name)).toList();
        command.addAll(options);
        if (options.stream().noneMatch(option -> option.startsWith("-XX:StartFlightRecording"))) {
            // A recording with the class archive mapped crashes JDK 17 as it loads classes (docs/startup.md).
            command.addAll(startArchive(jar));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return start("server-" + name + ".log", URI.create("http://localhost:" + port), all, command);
    }

    /**
     * {@code -Ddealroom.server.options="..."}: more JVM options for every node (the benchmark's serverOptions);
     * {@code {node}} in them stands for the node's name.
     */
    public static List<String> serverOptions() {
        String options = System.getProperty("dealroom.server.options", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /**
     * The option that maps the class archive src/build/start-archive.sh recorded beside the jar for this JVM, if it
     * did (docs/startup.md); none otherwise.
     */
    static List<String> startArchive(Path jar) {
        String version = System.getProperty("java.version");
        Path dir = jar.toAbsolutePath().getParent();
        Path aot = dir.resolve("start-" + version + ".aot");
        Path cds = dir.resolve("start-" + version + ".jsa");
        if (Runtime.version().feature() >= 25 && Files.exists(aot)) {
            return List.of("-XX:AOTCache=" + aot);
        }
        return Files.exists(cds) ? List.of("-XX:SharedArchiveFile=" + cds) : List.of();
    }

    /** Waits until {@code path} answers 200, or fails pointing at the log. */
    public ChildProcess awaitOk(String path, Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url.resolve(path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return this;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(url + path + " did not answer 200 in " + patience + "; see " + log);
    }

    /** The operating system's id of the process. */
    public long pid() {
        return process.pid();
    }

    /** What the process has written so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}

package dev.dealroom.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/** A WebSocket client of a room, collecting what the server sends. */
public final class LiveClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;

    private LiveClient() {
    }

    /** Opens the room's socket as {@code person}, after {@code since}. */
    public static LiveClient connect(Person person, String roomId, long since) {
        return open(roomId, "?since=" + since, Map.of("Authorization", "Bearer " + person.token()));
    }

    /** The same, on the server at {@code server} (e.g. {@code ws://localhost:8281}). */
    public static LiveClient connect(URI server, Person person, String roomId, long since) {
        return open(server.resolve("/ws/rooms/" + roomId + "?since=" + since),
                Map.of("Authorization", "Bearer " + person.token()));
    }

    public static LiveClient open(String roomId, String query, Map<String, String> headers) {
        return open(uri(roomId, query), headers);
    }

    private static LiveClient open(URI uri, Map<String, String> headers) {
        LiveClient client = new LiveClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client.listener()).join();
        return client;
    }

    /** The HTTP status a refused upgrade answered with. */
    public static int refusal(String roomId, String query, Map<String, String> headers) {
        return refusedWith(roomId, query, headers).map(HttpResponse::statusCode).orElse(101);
    }

    /** The answer to a refused upgrade (status and headers), or empty when it was accepted (then closed again). */
    public static Optional<HttpResponse<?>> refusedWith(String roomId, String query, Map<String, String> headers) {
        try {
            open(roomId, query, headers).close();
            return Optional.empty();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return Optional.of(refused.getResponse());
            }
            throw e;
        }
    }

    public static URI uri(String roomId, String query) {
        return URI.create("ws://localhost:" + RestAssured.port + "/ws/rooms/" + roomId + query);
    }

    /** The next message, whatever it is. */
    public Map<String, Object> next() {
        try {
            Map<String, Object> message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "no message within " + WAIT);
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The messages up to and including the first that matches; presence updates before it are left out. */
    public List<Map<String, Object>> until(Predicate<Map<String, Object>> last) {
        List<Map<String, Object>> received = new ArrayList<>();
        while (true) {
            Map<String, Object> message = next();
            if (last.test(message)) {
                received.add(message);
                return received;
            }
            if (!"presence".equals(message.get("type"))) {
                received.add(message);
            }
        }
    }

    /** The events of the replay, up to the {@code ready} marker (excluded); returns ready's seq via the list. */
    public List<Map<String, Object>> replay() {
        List<Map<String, Object>> received = until(message -> "ready".equals(message.get("type")));
        return received.subList(0, received.size() - 1);
    }

    /** The next message of this type, skipping any other. */
    public Map<String, Object> nextOfType(String type) {
        List<Map<String, Object>> received = until(message -> type.equals(message.get("type")));
        return received.get(received.size() - 1);
    }

    /** Sends a text message to the server. */
    public void send(String message) {
        socket.sendText(message, true).join();
    }

    /**
     * Waits for whatever comes first from a socket just opened: a message (answers 0, the message stays to be read)
     * or the server closing it (answers the close code).
     */
    public int firstMessageOrClose() {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            if (!messages.isEmpty()) {
                return 0;
            }
            if (closeCode.isDone()) {
                return closeCode.join();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("neither a message nor a close within " + WAIT);
    }

    public int awaitClose() {
        return closeCode.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            }
        } catch (CompletionException alreadyClosedByTheServer) {
            // nothing left to close
        } finally {
            socket.abort();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        messages.add(JSON.readValue(text.toString(), new TypeReference<Map<String, Object>>() {
                        }));
                    } catch (Exception e) {
                        throw new IllegalStateException("Not JSON: " + text, e);
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.completeExceptionally(error);
            }
        };
    }
}

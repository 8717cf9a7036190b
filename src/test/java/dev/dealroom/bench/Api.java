package dev.dealroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.bench.BenchRoom.BenchMember;
import dev.dealroom.support.Person;

/**
 * The REST calls the harness sets its rooms up with, made the way an integrator would: bearer tokens signed
 * by the test OpenID provider, JSON bodies, status codes checked.
 */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for the whole run: a socket closes when its login expires. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile URI server;

    Api(URI server) {
        this.server = server;
    }

    void server(URI node) {
        this.server = node;
    }

    static String token(Person person) {
        return person.tokenExpiringAt(Instant.now().plus(TOKEN_LIFETIME));
    }

    JsonNode get(String token, String path) {
        return call(token, HttpRequest.newBuilder(server.resolve(path)).GET(), 200);
    }

    JsonNode post(String token, String path, Object body) {
        return call(token, HttpRequest.newBuilder(server.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(write(body))), 201);
    }

    /** The time one GET takes, from sending to the whole body read, in microseconds. */
    long timedGet(String token, String path) {
        long start = System.nanoTime();
        get(token, path);
        return (System.nanoTime() - start) / 1_000;
    }

    private JsonNode call(String token, HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens {@code count} rooms of {@code size} members each (a seller owner and buyers), {@code parallel}
     * at a time. Buyer {@code i} joins {@code workstreams[i % workstreams.length]} besides everyone.
     */
    List<BenchRoom> openRooms(String prefix, int count, int size, String[] workstreams, int parallel)
            throws Exception {
        return openRooms(prefix, count, size, workstreams, parallel, null);
    }

    /** The same, all owned by {@code owner} (null: each by a seller of its own). */
    List<BenchRoom> openRooms(String prefix, int count, int size, String[] workstreams, int parallel, Person owner)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<BenchRoom>> opening = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int number = i;
                opening.add(pool.submit(() -> openRoom(prefix + number, size, workstreams,
                        owner == null ? Person.random("seller") : owner)));
            }
            List<BenchRoom> rooms = new ArrayList<>();
            for (Future<BenchRoom> room : opening) {
                rooms.add(room.get());
            }
            return rooms;
        } finally {
            pool.shutdownNow();
        }
    }

    private BenchRoom openRoom(String name, int size, String[] workstreams, Person owner) {
        String ownerToken = token(owner);
        String roomId = post(ownerToken, "/api/rooms", Map.of("name", name, "prospectAccount", "Account " + name,
                "targetDecisionDate", "2027-06-30")).path("room").path("id").asText();
        Map<String, String> tokens = new HashMap<>();
        Map<String, String> emails = new HashMap<>();
        for (int i = 1; i < size; i++) {
            Person buyer = Person.random("buyer");
            String memberId = post(ownerToken, "/api/rooms/" + roomId + "/members", Map.of("email", buyer.email(),
                    "name", buyer.name(), "side", "BUYER", "groups",
                    workstreams.length == 0 ? List.of() : List.of(workstreams[i % workstreams.length])))
                    .path("id").asText();
            tokens.put(memberId, token(buyer));
            emails.put(memberId, buyer.email());
        }
        JsonNode view = get(ownerToken, "/api/rooms/" + roomId);
        String ownerId = view.path("me").path("id").asText();
        tokens.put(ownerId, ownerToken);
        emails.put(ownerId, owner.email());
        Map<String, String> groupIds = new HashMap<>();
        Map<String, List<String>> groupsOf = new HashMap<>();
        for (JsonNode group : view.path("groups")) {
            String key = group.path("key").asText(group.path("id").asText());
            groupIds.put(key, group.path("id").asText());
            for (JsonNode member : group.path("memberIds")) {
                groupsOf.computeIfAbsent(member.asText(), id -> new ArrayList<>()).add(key);
            }
        }
        List<BenchMember> members = new ArrayList<>();
        members.add(new BenchMember(emails.get(ownerId), ownerToken, groupsOf.get(ownerId)));
        tokens.keySet().stream().filter(id -> !id.equals(ownerId)).sorted().forEach(id -> members.add(
                new BenchMember(emails.get(id), tokens.get(id), groupsOf.getOrDefault(id, List.of()))));
        return new BenchRoom(roomId, members, groupIds);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.dealroom.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;

/**
 * The floor the harness compares Deal Room with: what bare Vert.x pays for the same requests. A post
 * ({@code POST /api/rooms/{room}/groups/{group}/posts}, JSON {@code {body, clientId}}) is one prepared
 * {@code INSERT} of a row shaped like {@code post} into {@value #TABLE} (autocommit, Vert.x's reactive
 * PostgreSQL client), then its event's JSON, in Deal Room's envelope, is written to every WebSocket of the room
 * ({@code /ws/rooms/{room}}), and the post is answered 201. There is no authentication, no membership, no
 * idempotency and no event log: the bearer token is not read, every socket of a room gets every post, and a
 * socket gets {@code {"type":"ready"}} as soon as it opens (no replay).
 *
 * <p>The harness starts it as a process of its own, with the server's heap flag:
 * {@code java -Xmx1g -cp <test classpath> dev.dealroom.bench.Floor <port> <database>}; the table is made by the
 * harness before.
 */
public final class Floor extends AbstractVerticle {

    static final String TABLE = "floor_post";
    /** As many connections as Deal Room's datasource may open by default. */
    static final int POOL_SIZE = 20;
    private static final String INSERT = "insert into " + TABLE + " (id, room_id, group_id, seq, author_member_id,"
            + " author_name, body, mentions, announcement, created_at) values ($1, $2, $3, $4, $5, $6, $7, '{}',"
            + " false, $8)";
    private static final String POSTS_PATH = "/api/rooms/";
    private static final String SOCKET_PATH = "/ws/rooms/";
    private static final UUID AUTHOR = UUID.nameUUIDFromBytes("floor writer".getBytes());
    private static final JsonObject ACTOR = new JsonObject().put("memberId", AUTHOR.toString())
            .put("name", "Floor writer");

    /** One room's sockets and counters; the sockets are written under the room's lock, so in seq order. */
    private static final class Room {
        final AtomicLong rowSeq = new AtomicLong();
        final List<ServerWebSocket> sockets = new ArrayList<>();
        long eventSeq;
    }

    private final Pool pool;
    private final Map<String, Room> rooms;
    private final int port;

    private Floor(Pool pool, Map<String, Room> rooms, int port) {
        this.pool = pool;
        this.rooms = rooms;
        this.port = port;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String database = args[1];
        // Vert.x's default: two event loops per core, one HTTP server instance on each (as Quarkus does).
        int eventLoops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE))
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase(database)
                        .setUser("postgres").setCachePreparedStatements(true))
                .using(vertx)
                .build();
        Map<String, Room> rooms = new ConcurrentHashMap<>();
        vertx.deployVerticle(() -> new Floor(pool, rooms, port), new DeploymentOptions().setInstances(eventLoops))
                .onSuccess(id -> System.out.printf("floor listening on %d (%d event loops, pool of %d)%n", port,
                        eventLoops, POOL_SIZE))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(io.vertx.core.Promise<Void> started) {
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                .webSocketHandler(this::onSocket)
                .requestHandler(this::onRequest)
                .listen(port, "127.0.0.1")
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private void onSocket(ServerWebSocket socket) {
        if (!socket.path().startsWith(SOCKET_PATH)) {
            socket.reject(404);
            return;
        }
        Room room = rooms.computeIfAbsent(socket.path().substring(SOCKET_PATH.length()), id -> new Room());
        synchronized (room) {
            room.sockets.add(socket);
        }
        socket.closeHandler(closed -> {
            synchronized (room) {
                room.sockets.remove(socket);
            }
        });
        socket.writeTextMessage("{\"type\":\"ready\"}");
    }

    private void onRequest(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/q/health/ready")) {
            request.response().end("{\"status\":\"UP\"}");
            return;
        }
        // /api/rooms/{room}/groups/{group}/posts
        String[] parts = path.split("/");
        if (request.method() != io.vertx.core.http.HttpMethod.POST || !path.startsWith(POSTS_PATH)
                || parts.length != 7 || !parts[4].equals("groups") || !parts[6].equals("posts")) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> post(request, parts[3], parts[5], body.toJsonObject()))
                .onFailure(failure -> request.response().setStatusCode(400).end());
    }

    private void post(HttpServerRequest request, String roomId, String groupId, JsonObject input) {
        Room room = rooms.computeIfAbsent(roomId, id -> new Room());
        UUID id = UUID.randomUUID();
        long rowSeq = room.rowSeq.incrementAndGet();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        String body = input.getString("body");
        pool.preparedQuery(INSERT)
                .execute(Tuple.of(id, UUID.fromString(roomId), UUID.fromString(groupId), rowSeq, AUTHOR,
                        "Floor writer", body, at))
                .onFailure(failure -> request.response().setStatusCode(500).end(String.valueOf(failure)))
                .onSuccess(inserted -> {
                    JsonObject post = new JsonObject().put("id", id.toString()).put("groupId", groupId)
                            .put("seq", rowSeq).putNull("parentId").put("author", ACTOR).put("body", body)
                            .put("mentions", new JsonArray()).put("announcement", false)
                            .put("createdAt", at.toString()).putNull("editedAt").put("deleted", false);
                    synchronized (room) {
                        // The event's seq is taken here, in the order the sockets are written.
                        String event = new JsonObject().put("seq", ++room.eventSeq).put("type", "post.created")
                                .put("roomId", roomId).put("groupId", groupId).put("actor", ACTOR)
                                .put("at", at.toString()).put("data", post).encode();
                        for (ServerWebSocket socket : room.sockets) {
                            socket.writeTextMessage(event);
                        }
                    }
                    request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                            .end(post.put("clientId", input.getString("clientId")).encode());
                });
    }
}

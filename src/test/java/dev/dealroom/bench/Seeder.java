package dev.dealroom.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Fills rooms made through the API with history in bulk, straight into the tables: tasks and posts, each with
 * its creation event at the next seq of the room (invariant 2 holds: gapless, {@code room.last_seq} moved on).
 * Writing 50,000 posts through the API would take minutes; what is measured here is reading them.
 */
final class Seeder implements AutoCloseable {

    private static final String[] STATUSES = {"DONE", "DONE", "DONE", "DONE", "IN_PROGRESS", "IN_PROGRESS",
        "IN_PROGRESS", "TODO", "TODO", "BLOCKED"};

    private final Connection db;
    private final Random random = new Random(42);

    Seeder(String jdbcUrl) throws SQLException {
        db = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", "postgres", "");
        db.setAutoCommit(false);
    }

    /** Adds {@code tasks} tasks and {@code posts} posts spread over the room's groups, over the last 60 days. */
    void fill(String roomId, int tasks, int posts) throws SQLException {
        UUID room = UUID.fromString(roomId);
        List<UUID> groups = ids("select id from room_group where room_id = ? order by created_at, id", room);
        List<UUID> members = ids("select id from member where room_id = ? order by added_at, id", room);
        long seq;
        try (PreparedStatement lock = db.prepareStatement("select last_seq from room where id = ? for update")) {
            lock.setObject(1, room);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                seq = row.getLong(1);
            }
        }
        Instant now = Instant.now();
        try (PreparedStatement task = db.prepareStatement("insert into task (id, room_id, group_id, title,"
                + " description, owner_member_id, due_date, status, blocked_reason, milestone, position, created_by,"
                + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement post = db.prepareStatement("insert into post (id, room_id, group_id, seq,"
                        + " author_member_id, author_name, body, announcement, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement event = db.prepareStatement("insert into room_event (room_id, seq, type, group_id,"
                        + " actor_member_id, actor_name, at, data, key_update) values (?, ?, ?, ?, ?, ?, ?,"
                        + " cast(? as jsonb), ?)")) {
            for (int i = 0; i < tasks; i++) {
                UUID id = UUID.randomUUID();
                UUID group = groups.get(i % groups.size());
                UUID owner = members.get(random.nextInt(members.size()));
                String status = STATUSES[random.nextInt(STATUSES.length)];
                Instant at = now.minus(60 - i * 60L / tasks, ChronoUnit.DAYS);
                task.setObject(1, id);
                task.setObject(2, room);
                task.setObject(3, group);
                task.setString(4, "Task " + i);
                task.setString(5, "What task " + i + " delivers, and to whom.");
                task.setObject(6, owner);
                task.setObject(7, LocalDate.now().plusDays(random.nextInt(120) - 30));
                task.setString(8, status);
                task.setString(9, "BLOCKED".equals(status) ? "Waiting on security review" : null);
                task.setBoolean(10, i % 20 == 0);
                task.setInt(11, i / groups.size());
                task.setObject(12, members.get(0));
                task.setTimestamp(13, Timestamp.from(at));
                task.setTimestamp(14, Timestamp.from(at));
                task.addBatch();
                addEvent(event, room, ++seq, "task.created", group, members.get(0), at,
                        "{\"id\":\"" + id + "\",\"title\":\"Task " + i + "\",\"status\":\"" + status + "\"}");
            }
            task.executeBatch();
            for (int i = 0; i < posts; i++) {
                UUID id = UUID.randomUUID();
                UUID group = groups.get(random.nextInt(groups.size()));
                UUID author = members.get(random.nextInt(members.size()));
                Instant at = now.minusMillis((long) (posts - i) * 60 * 86_400_000L / posts);
                String body = "Post " + i + ": where we stand on this workstream, and what comes next.";
                post.setObject(1, id);
                post.setObject(2, room);
                post.setObject(3, group);
                post.setLong(4, ++seq);
                post.setObject(5, author);
                post.setString(6, "Member");
                post.setString(7, body);
                post.setBoolean(8, false);
                post.setTimestamp(9, Timestamp.from(at));
                post.addBatch();
                addEvent(event, room, seq, "post.created", group, author, at,
                        "{\"id\":\"" + id + "\",\"body\":\"" + body + "\"}");
                if (i % 5_000 == 4_999) {
                    post.executeBatch();
                    event.executeBatch();
                }
            }
            post.executeBatch();
            event.executeBatch();
        }
        try (PreparedStatement head = db.prepareStatement("update room set last_seq = ? where id = ?")) {
            head.setLong(1, seq);
            head.setObject(2, room);
            head.executeUpdate();
        }
        db.commit();
    }

    private static void addEvent(PreparedStatement event, UUID room, long seq, String type, UUID group, UUID actor,
            Instant at, String data) throws SQLException {
        event.setObject(1, room);
        event.setLong(2, seq);
        event.setString(3, type);
        event.setObject(4, group);
        event.setObject(5, actor);
        event.setString(6, "Member");
        event.setTimestamp(7, Timestamp.from(at));
        event.setString(8, data);
        event.setBoolean(9, false);
        event.addBatch();
    }

    /** Refreshes the planner's statistics after the bulk load, as autovacuum would soon. */
    void analyze() throws SQLException {
        db.commit();
        db.setAutoCommit(true);
        try (var statement = db.createStatement()) {
            statement.execute("analyze");
        }
        db.setAutoCommit(false);
    }

    private List<UUID> ids(String sql, UUID room) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, room);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}

package dev.dealroom.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads room logs with plain JDBC: live delivery calls this on every wake-up, outside any request, so it
 * stays off the ORM. Every query is scoped by room and served by the log's primary key.
 */
@ApplicationScoped
public class EventReader {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public EventReader(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The room's events with {@code seq > since}, in order, at most {@code limit}. */
    public List<EventEnvelope> after(UUID roomId, long since, int limit) {
        String sql = "select seq, type, group_id, actor_member_id, actor_name, at, data::text from room_event"
                + " where room_id = ? and seq > ? order by seq limit ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, roomId);
            query.setLong(2, since);
            query.setInt(3, limit);
            List<EventEnvelope> events = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Timestamp at = row.getTimestamp(6);
                    events.add(new EventEnvelope(row.getLong(1), row.getString(2), roomId,
                            row.getObject(3, UUID.class),
                            new Actor(row.getObject(4, UUID.class), row.getString(5)), at.toInstant(),
                            json.readTree(row.getString(7))));
                }
            }
            return events;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the log of room " + roomId, e);
        }
    }

    /** The room's newest seq and the oldest one the log still keeps. */
    public LogBounds bounds(UUID roomId) {
        String sql = "select r.last_seq, (select min(seq) from room_event e where e.room_id = r.id)"
                + " from room r where r.id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, roomId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return new LogBounds(0, 1);
                }
                long last = row.getLong(1);
                long oldest = row.getLong(2);
                return new LogBounds(last, row.wasNull() ? last + 1 : oldest);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the log bounds of room " + roomId, e);
        }
    }

    /** The newest seq of each of these rooms. */
    public Map<UUID, Long> lastSeqs(Collection<UUID> roomIds) {
        Map<UUID, Long> seqs = new HashMap<>();
        if (roomIds.isEmpty()) {
            return seqs;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select id, last_seq from room where id = any(?)")) {
            query.setArray(1, connection.createArrayOf("uuid", roomIds.toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    seqs.put(row.getObject(1, UUID.class), row.getLong(2));
                }
            }
            return seqs;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read room seqs", e);
        }
    }

    /**
     * @param last   the room's newest seq
     * @param oldest the oldest seq the log keeps (last + 1 when it keeps none)
     */
    public record LogBounds(long last, long oldest) {

        /** Whether a client that has seen up to {@code since} has missed events the log no longer keeps. */
        public boolean mustResync(long since) {
            return since < oldest - 1 || since > last;
        }
    }
}

package dev.dealroom.event.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is online, across nodes: one row per node, room and member with at least one open connection there.
 * Rows carry the node's last heartbeat, so a node that died without cleaning up stops counting.
 */
@ApplicationScoped
public class PresenceStore {

    /** A fresh id each start: rows of a previous run of this node expire like those of any dead node. */
    private final UUID nodeId = UUID.randomUUID();
    private final DataSource dataSource;

    public PresenceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** This node, as its presence rows and notifications name it. */
    UUID nodeId() {
        return nodeId;
    }

    /** The member's first connection to the room on this node; the first ever also records that they joined. */
    void online(UUID roomId, UUID memberId) {
        update("insert into presence (node_id, room_id, member_id, seen_at) values (?, ?, ?, now())"
                + " on conflict (node_id, room_id, member_id) do update set seen_at = now()", roomId, memberId);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement joined = connection.prepareStatement(
                        "update member set joined_at = now() where room_id = ? and id = ? and joined_at is null")) {
            joined.setObject(1, roomId);
            joined.setObject(2, memberId);
            joined.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record that a member joined", e);
        }
    }

    void offline(UUID roomId, UUID memberId) {
        update("delete from presence where node_id = ? and room_id = ? and member_id = ?", roomId, memberId);
    }

    /** Renews this node's rows and drops those of nodes silent for longer than {@code staleAfterSeconds}. */
    void heartbeat(long staleAfterSeconds) {
        update("update presence set seen_at = now() where node_id = ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from presence where seen_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, staleAfterSeconds);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot expire presence", e);
        }
    }

    void leaveAll() {
        update("delete from presence where node_id = ?");
    }

    /** The rooms other live nodes hold connections to: those whose new events those nodes must be told of. */
    Set<UUID> roomsHeldElsewhere(long staleAfterSeconds) {
        return new HashSet<>(ids("select distinct room_id from presence where node_id <> ?"
                + " and seen_at > now() - make_interval(secs => ?)", nodeId, staleAfterSeconds));
    }

    /** The members of the room online on any live node. */
    List<UUID> online(UUID roomId, long staleAfterSeconds) {
        return ids("select distinct member_id from presence where room_id = ?"
                + " and seen_at > now() - make_interval(secs => ?) order by member_id", roomId, staleAfterSeconds);
    }

    /** The ids a query of the fresh presence rows (one id, then the staleness in seconds) returns. */
    private List<UUID> ids(String sql, UUID id, long staleAfterSeconds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, id);
            query.setLong(2, staleAfterSeconds);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read presence", e);
        }
    }

    private void update(String sql, UUID... ids) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, nodeId);
            for (int i = 0; i < ids.length; i++) {
                statement.setObject(i + 2, ids[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update presence", e);
        }
    }
}

package dev.dealroom.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Plain SQL on the test database, for what a test reads or sets up behind the API's back. */
public final class Sql {

    private Sql() {
    }

    /** The writes the rate limit has counted for a person in its current window. */
    public static int writesCounted(DataSource dataSource, Person who) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select writes from write_rate_counter where subject = ?")) {
            query.setString(1, "sub-" + who.email());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Starts the person's rate window afresh (and for an hour), so that counting starts from what follows. */
    public static void startRateWindow(DataSource dataSource, Person who) throws SQLException {
        updateOne(dataSource, "update write_rate_counter set window_start = now() + interval '1 hour' where subject = ?",
                "sub-" + who.email());
    }

    /** Leaves the person no write in their rate window for the next hour. */
    public static void exhaustRateLimit(DataSource dataSource, Person who) throws SQLException {
        updateOne(dataSource, "update write_rate_counter set writes = 1000000, window_start = now() + interval '1 hour'"
                + " where subject = ?", "sub-" + who.email());
    }

    /** Runs a statement with one parameter that must change exactly one row. */
    public static void updateOne(DataSource dataSource, String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, parameter);
            assertEquals(1, update.executeUpdate(), sql);
        }
    }
}

package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A view built in a statement reads as the ordinary path's: its times are written as Jackson writes an
 * {@link Instant}, whatever digits the fraction needs.
 */
@QuarkusTest
class OneStatementTest {

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-28T04:17:21Z", "2026-11-28T04:17:21.100Z", "2026-11-28T04:17:21.812Z",
            "2026-11-28T04:17:21.000001Z", "2026-11-28T04:17:21.812830Z", "2026-11-28T04:17:21.812832Z",
            "2027-01-01T00:00:00.999999Z", "2026-03-29T01:30:00.5Z" })
    void anInstantIsWrittenAsJacksonWritesIt(String text) throws SQLException, JsonProcessingException {
        Instant instant = Instant.parse(text);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement zone = connection.prepareStatement("set local time zone 'Europe/Paris'");
                    PreparedStatement query = connection.prepareStatement("select cast("
                            + OneStatement.instantJson("t")
                            + " as text) from (select cast(? as timestamptz) as t) x")) {
                // a session in another time zone, given the time at another offset, writes the same
                zone.execute();
                query.setObject(1, instant.atOffset(ZoneOffset.ofHours(5)));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    assertEquals(json.writeValueAsString(instant), row.getString(1));
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}

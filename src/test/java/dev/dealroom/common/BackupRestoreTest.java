package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The README's backup and restore, for real: docker/backup.sh dumps the test database, docker/restore.sh restores it
 * into a new one, and the room, its events and a document's bytes (a large object) are all there.
 */
@QuarkusTest
class BackupRestoreTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void aRoomWithItsEventsAndADocumentsBytesSurvivesABackupAndARestoreIntoANewDatabase() throws Exception {
        Assumptions.assumeTrue(onPath("pg_dump") && onPath("pg_restore") && onPath("psql"),
                "pg_dump, pg_restore and psql (PostgreSQL's client tools) are not installed: backup and restore untested");
        DealRoomFixture room = new DealRoomFixture();
        byte[] content = ("Backed up and restored " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        room.groupMember.api().contentType("multipart/form-data")
                .multiPart("file", "restore-check.txt", content, "text/plain")
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(201);
        List<String> events = events(jdbcUrl, room.roomId);
        assertTrue(events.size() > 5, "the room has its history: " + events);

        String source = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        String restored = source + "_restored_" + UUID.randomUUID().toString().substring(0, 8);
        Path backup = Files.createTempFile("dealroom-backup", ".dump");
        try {
            run("docker/backup.sh", source, backup.toString());
            run("createdb", restored);
            run("docker/restore.sh", backup.toString(), restored);

            String restoredUrl = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + restored;
            assertEquals(events, events(restoredUrl, room.roomId), "the same events, in order");
            try (Connection db = DriverManager.getConnection(restoredUrl, user, null);
                    PreparedStatement query = db.prepareStatement("select r.name, lo_get(v.content_oid)"
                            + " from room r join document d on d.room_id = r.id"
                            + " join document_version v on v.document_id = d.id where r.id = ?")) {
                query.setObject(1, UUID.fromString(room.roomId));
                try (ResultSet row = query.executeQuery()) {
                    assertTrue(row.next(), "the room and its document");
                    assertEquals("Fixture room", row.getString(1));
                    assertArrayEquals(content, row.getBytes(2), "the document's bytes");
                }
            }
        } finally {
            Files.deleteIfExists(backup);
            try (Connection db = DriverManager.getConnection(jdbcUrl, user, null);
                    Statement drop = db.createStatement()) {
                drop.execute("drop database if exists " + restored + " with (force)");
            }
        }
    }

    /** The room's events as {@code seq type data}, in order. */
    private List<String> events(String url, String roomId) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, user, null);
                PreparedStatement query = db.prepareStatement(
                        "select seq, type, data::text from room_event where room_id = ? order by seq")) {
            query.setObject(1, UUID.fromString(roomId));
            List<String> events = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(row.getLong(1) + " " + row.getString(2) + " " + row.getString(3));
                }
            }
            return events;
        }
    }

    /** Runs a command from the project's directory against the test's PostgreSQL server, failing on a non-zero exit. */
    private void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String server = jdbcUrl.substring("jdbc:postgresql://".length(), jdbcUrl.lastIndexOf('/'));
        builder.environment().put("PGHOST", server.contains(":") ? server.substring(0, server.indexOf(':')) : server);
        builder.environment().put("PGPORT", server.contains(":") ? server.substring(server.indexOf(':') + 1) : "5432");
        builder.environment().put("PGUSER", user);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), String.join(" ", command) + " timed out");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }
}

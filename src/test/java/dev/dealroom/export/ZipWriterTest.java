package dev.dealroom.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Entry names from what members named: no climbing out, no device names, no collision. */
class ZipWriterTest {

    @Test
    void aSegmentCannotClimbOutOrNameADevice() {
        assertEquals("_.._etc_passwd", ZipWriter.segment("/../etc/passwd", "x"));
        assertEquals("x", ZipWriter.segment("..", "x"));
        assertEquals("x", ZipWriter.segment(" . ", "x"));
        assertEquals("a_b", ZipWriter.segment("a\\b", "x"));
        assertEquals("a_b_c", ZipWriter.segment("a\u202Eb\nc", "x"));
        assertEquals("_CON.txt", ZipWriter.segment("CON.txt", "x"));
        assertEquals("hidden", ZipWriter.segment(".hidden", "x"));
        assertEquals(100, ZipWriter.segment("é".repeat(300), "x").length());
        assertEquals("Plan (v2).pdf", ZipWriter.versionFile("Plan.pdf", 2));
        assertEquals("README (v1)", ZipWriter.versionFile("README", 1));
    }

    @Test
    void aNameAlreadyTakenGetsACounterBeforeItsExtension() throws IOException {
        try (ZipWriter zip = new ZipWriter(new ByteArrayOutputStream(), new ObjectMapper())) {
            assertEquals(List.of("d/a.txt", "d/a (2).txt", "d/A (3).TXT", "d/b"), List.of(zip.entry("d", "a.txt"),
                    zip.entry("d", "a.txt"), zip.entry("d", "A.TXT"), zip.entry("d", "b")));
            assertEquals(List.of("rooms/x", "rooms/x (2)"), List.of(zip.folder("rooms/x"), zip.folder("rooms/x")));
        }
    }

    /** An archive cut short by a failure has no central directory: no tool opens the part for the whole. */
    @Test
    void onlyACompletedArchiveIsWhole(@TempDir Path folder) throws Exception {
        for (boolean completed : new boolean[] { true, false }) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipWriter zip = new ZipWriter(bytes, new ObjectMapper())) {
                zip.entry("", "room.json");
                zip.content().write("{}".getBytes(StandardCharsets.UTF_8));
                if (completed) {
                    zip.complete();
                }
            }
            Path file = Files.write(folder.resolve(completed + ".zip"), bytes.toByteArray());
            if (completed) {
                try (ZipFile whole = new ZipFile(file.toFile())) {
                    assertEquals(1, whole.size());
                }
            } else {
                assertThrows(ZipException.class,
                        () -> new ZipFile(file.toFile()).close());
            }
        }
    }
}

package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Taking turns on a limit runs on every room opened, invitation mailed and live ticket issued (each WebSocket
 * connection): it must not throw on the way, as it did when Hibernate met the lock function's {@code void} column.
 */
@QuarkusTest
class RateLimitsTurnsTest {

    @Inject
    RateLimits limits;

    @Test
    void takingTurnsThrowsNothing() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> limits.takeTurns(limits.writes(), "warm-up"));
        Path recorded = Files.createTempFile("turns", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaExceptionThrow");
            recording.start();
            QuarkusTransaction.requiringNew().run(() -> limits.takeTurns(limits.writes(), "someone"));
            recording.stop();
            recording.dump(recorded);
        }
        List<String> thrown = RecordingFile.readAllEvents(recorded).stream()
                .filter(event -> event.getThread() != null
                        && event.getThread().getJavaThreadId() == Thread.currentThread().getId())
                .map(event -> event.getClass("thrownClass").getName() + ": " + event.getString("message")).toList();
        Files.delete(recorded);
        assertEquals(List.of(), thrown);
    }
}

package dev.dealroom.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The frontend's event catalogue is generated from the Java declaration ({@link EventType},
 * {@link ControlMessage}, {@link CloseCode}); this test fails when the committed copy differs. After changing
 * the declaration: {@code ./mvnw test -Dtest=EventCatalogueTest -Ddealroom.regenerate=true}.
 */
class EventCatalogueTest {

    static final Path CATALOGUE = Path.of("frontend/src/events.generated.js");

    @Test
    void theFrontendCopyMatchesTheJavaDeclaration() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("dealroom.regenerate")) {
            Files.createDirectories(CATALOGUE.getParent());
            Files.writeString(CATALOGUE, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(CATALOGUE), CATALOGUE + " is missing; regenerate it (see this test's Javadoc)");
        assertEquals(expected, Files.readString(CATALOGUE, StandardCharsets.UTF_8),
                CATALOGUE + " is out of date; regenerate it (see this test's Javadoc)");
    }

    @Test
    void wireNamesAreUniqueAndEventsAndControlMessagesCannotBeConfused() {
        Set<String> names = new HashSet<>();
        for (EventType type : EventType.values()) {
            assertTrue(type.wireName().matches("[a-z]+\\.[a-z_]+"), type + " is named noun.verb");
            assertTrue(names.add(type.wireName()), "duplicate " + type.wireName());
            assertEquals(type, EventType.ofWireName(type.wireName()).orElseThrow());
        }
        for (ControlMessage message : ControlMessage.values()) {
            assertTrue(!message.wireName().contains("."), message + " has no dot, unlike events");
            assertTrue(names.add(message.wireName()), "duplicate " + message.wireName());
        }
    }

    static String render() {
        StringBuilder js = new StringBuilder();
        js.append("// Generated from dev.dealroom.event.EventType, ControlMessage and CloseCode by EventCatalogueTest.\n")
                .append("// Do not edit: change the Java declaration, then run\n")
                .append("//   ./mvnw test -Dtest=EventCatalogueTest -Ddealroom.regenerate=true\n\n")
                .append("/** The room log's event types: who receives each (\"room\": every member, \"group\": the\n")
                .append(" * group's members) and the fields of its data. */\n")
                .append("export const EVENT_TYPES = Object.freeze({\n");
        for (EventType type : EventType.values()) {
            String fields = Arrays.stream(type.payload().getRecordComponents())
                    .map(component -> "\"" + component.getName() + "\"")
                    .collect(Collectors.joining(", "));
            js.append("  \"").append(type.wireName()).append("\": Object.freeze({ scope: \"")
                    .append(type.scope().name().toLowerCase(Locale.ROOT)).append("\", data: Object.freeze([")
                    .append(fields).append("]) }),\n");
        }
        js.append("});\n\n/** WebSocket messages that are not events of the log. */\n")
                .append("export const CONTROL_MESSAGES = Object.freeze({\n");
        for (ControlMessage message : ControlMessage.values()) {
            js.append("  ").append(message.name()).append(": \"").append(message.wireName()).append("\",\n");
        }
        js.append("});\n\n/** The codes with which the server closes a room's WebSocket. */\n")
                .append("export const CLOSE_CODES = Object.freeze({\n");
        for (CloseCode code : CloseCode.values()) {
            js.append("  ").append(code.name()).append(": ").append(code.code()).append(",\n");
        }
        return js.append("});\n").toString();
    }
}

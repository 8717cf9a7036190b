package dev.dealroom.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.dealroom.access.Action;
import dev.dealroom.access.CallerKind;
import dev.dealroom.room.RoomStage;
import dev.dealroom.task.TaskStatus;

/**
 * The frontend's catalogue is generated from the Java declarations ({@link EventType}, {@link ControlMessage},
 * {@link CloseCode}, and the rules the page applies too: {@link TaskStatus}'s moves, {@link RoomStage}, the access
 * policy's {@link Action}s); this test
 * fails when the committed copy differs, or when a page module keeps a copy of its own. After changing a
 * declaration: {@code ./mvnw test -Dtest=EventCatalogueTest -Ddealroom.regenerate=true}.
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
    void noPageModuleKeepsItsOwnCopyOfTheStagesOrTheTaskMoves() throws IOException {
        try (Stream<Path> modules = Files.list(CATALOGUE.getParent())) {
            for (Path module : modules.filter(path -> !path.equals(CATALOGUE)).toList()) {
                String source = Files.readString(module, StandardCharsets.UTF_8);
                // As an element of a list literal: a copy of the stages or of a status's moves.
                for (Enum<?> name : List.of(RoomStage.QUALIFICATION, RoomStage.NEGOTIATION, TaskStatus.IN_PROGRESS)) {
                    assertFalse(Pattern.compile("['\"]" + name + "['\"]\\s*[,\\]]").matcher(source).find(),
                            module + " lists " + name + ": take the list from the catalogue");
                }
            }
        }
    }

    @Test
    void noPageModuleDecidesWhoMayDoWhatFromTheMembersFlags() throws IOException {
        Pattern ownFlags = Pattern.compile("\\bme\\.(owner|decisionMaker)\\b|\\bsession\\.manager\\b");
        try (Stream<Path> modules = Files.list(CATALOGUE.getParent())) {
            for (Path module : modules.toList()) {
                assertFalse(ownFlags.matcher(Files.readString(module, StandardCharsets.UTF_8)).find(),
                        module + " decides from the member's flags: ask session.may(action) instead");
            }
        }
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
        js.append("// Generated from dev.dealroom.event.EventType, ControlMessage, CloseCode, dev.dealroom.task.TaskStatus,\n")
                .append("// dev.dealroom.room.RoomStage and dev.dealroom.access.Action by EventCatalogueTest.\n")
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
        js.append("});\n\n/** Where a task may move from each status; the server refuses any other move. */\n")
                .append("export const TASK_TRANSITIONS = Object.freeze({\n");
        for (TaskStatus status : TaskStatus.values()) {
            js.append("  ").append(status.name()).append(": Object.freeze([")
                    .append(status.next().stream().map(next -> "\"" + next + "\"").collect(Collectors.joining(", ")))
                    .append("]),\n");
        }
        js.append("});\n\n/** The stages of a room, in the sales process's order, and the one a new room starts in. */\n")
                .append("export const ROOM_STAGES = Object.freeze([")
                .append(Arrays.stream(RoomStage.values()).map(stage -> "\"" + stage + "\"")
                        .collect(Collectors.joining(", ")))
                .append("]);\n")
                .append("export const DEFAULT_ROOM_STAGE = \"").append(RoomStage.DEFAULT).append("\";\n");
        js.append("\n/** The access policy's table: who may take each action, as a standing in the room (\"owner\",\n")
                .append(" * \"decision-maker\", \"seller\", \"buyer\") or a relation to the item (\"author\", \"assignee\",\n")
                .append(" * \"approver\"). The page offers only what its member may do; the server decides. */\n")
                .append("export const ACTIONS = Object.freeze({\n");
        for (Action action : Action.values()) {
            js.append("  \"").append(action.wireName()).append("\": Object.freeze([")
                    .append(Arrays.stream(CallerKind.values()).filter(action.allowed()::contains)
                            .map(kind -> "\"" + kind.wireName() + "\"").collect(Collectors.joining(", ")))
                    .append("]),\n");
        }
        js.append("});\n");
        return js.toString();
    }
}

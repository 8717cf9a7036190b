package dev.dealroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.dealroom.event.EventType;

/**
 * The page handles every event type in one table ({@code frontend/src/dispatch.js}): each type the server
 * declares is handled or explicitly ignored there, and the table names no type the server does not have.
 */
class DispatchTableTest {

    private static final Path TABLE = Path.of("frontend", "src", "dispatch.js");
    /** A row of the table: two spaces, the quoted wire name, a colon. */
    private static final Pattern ROW = Pattern.compile("(?m)^  '([a-z_.]+)':\\s");

    @Test
    void everyDeclaredEventTypeHasARowAndEveryRowADeclaredType() throws IOException {
        String source = Files.readString(TABLE);
        String table = source.substring(source.indexOf("export const DISPATCH"));
        Set<String> rows = new TreeSet<>();
        Matcher matcher = ROW.matcher(table);
        while (matcher.find()) {
            rows.add(matcher.group(1));
        }
        Set<String> declared = Arrays.stream(EventType.values()).map(EventType::wireName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, rows);
    }

    @Test
    void noOtherScriptSwitchesOnAnEventsWireName() throws IOException {
        Set<String> offenders = new TreeSet<>();
        try (var files = Files.list(TABLE.getParent())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                String name = file.getFileName().toString();
                if (name.equals("dispatch.js") || name.equals("events.generated.js")) {
                    continue;
                }
                String source = Files.readString(file);
                for (EventType type : EventType.values()) {
                    if (source.contains("'" + type.wireName() + "'") || source.contains("\"" + type.wireName() + "\"")) {
                        offenders.add(name + " names " + type.wireName());
                    }
                }
                if (source.contains("event.type")) {
                    offenders.add(name + " reads event.type");
                }
            }
        }
        assertEquals(Set.of(), offenders);
    }
}

package dev.dealroom.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the iCalendar documents calendar applications are picky about (RFC 5545): every line ends in
 * CRLF and no bare CR or LF appears; no physical line is longer than 75 octets; each physical line is valid UTF-8 on
 * its own (a fold never cuts a character); folds are unfolded; components nest; TEXT values unescape strictly.
 */
final class StrictIcs {

    /** A property: its name, its parameters and its raw value. */
    record Property(String name, Map<String, String> parameters, String value) {

        /** The value as TEXT, unescaped; an unescaped comma or semicolon (a list, not one text) fails. */
        String text() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ',' || c == ';') {
                    fail("unescaped " + c + " in " + name + ": " + value);
                }
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                if (++i == value.length()) {
                    fail("a lone backslash ends " + name);
                }
                switch (value.charAt(i)) {
                    case '\\' -> text.append('\\');
                    case ';' -> text.append(';');
                    case ',' -> text.append(',');
                    case 'n', 'N' -> text.append('\n');
                    default -> fail("bad escape \\" + value.charAt(i) + " in " + name);
                }
            }
            return text.toString();
        }
    }

    /** A component: its name, its properties in order, the components inside it. */
    record Component(String name, List<Property> properties, List<Component> components) {

        Property property(String name) {
            List<Property> found = properties.stream().filter(p -> p.name().equals(name)).toList();
            assertEquals(1, found.size(), this.name + " has exactly one " + name + ": " + properties);
            return found.get(0);
        }

        String value(String name) {
            return property(name).value();
        }

        String text(String name) {
            return property(name).text();
        }

        List<Component> all(String name) {
            return components.stream().filter(c -> c.name().equals(name)).toList();
        }
    }

    /** The physical lines of the last document read, for assertions on folding. */
    final List<String> physicalLines = new ArrayList<>();

    /** Reads a whole document: one VCALENDAR. */
    Component read(byte[] body) {
        List<byte[]> lines = split(body);
        List<String> logical = new ArrayList<>();
        for (byte[] line : lines) {
            assertTrue(line.length <= 75, "a line of " + line.length + " octets: " + utf8(line));
            String text = utf8(line);
            physicalLines.add(text);
            if (text.startsWith(" ") || text.startsWith("\t")) {
                assertFalse(logical.isEmpty(), "the document starts with a continuation");
                logical.set(logical.size() - 1, logical.get(logical.size() - 1) + text.substring(1));
            } else {
                logical.add(text);
            }
        }
        Deque<Component> open = new ArrayDeque<>();
        Component calendar = null;
        for (String line : logical) {
            Property property = property(line);
            if (property.name().equals("BEGIN")) {
                Component component = new Component(property.value(), new ArrayList<>(), new ArrayList<>());
                if (open.isEmpty()) {
                    assertTrue(calendar == null, "one calendar per document");
                    calendar = component;
                } else {
                    open.peek().components().add(component);
                }
                open.push(component);
            } else if (property.name().equals("END")) {
                assertFalse(open.isEmpty(), "END without BEGIN");
                assertEquals(open.pop().name(), property.value(), "END closes the component BEGIN opened");
            } else {
                assertFalse(open.isEmpty(), "a property outside any component: " + line);
                open.peek().properties().add(property);
            }
        }
        assertTrue(open.isEmpty(), "every component is closed");
        assertEquals("VCALENDAR", calendar.name());
        return calendar;
    }

    /** Lines split at CRLF, with no CR or LF left anywhere else and a CRLF after the last one. */
    private static List<byte[]> split(byte[] body) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n') {
                fail("a bare LF at octet " + i);
            }
            if (body[i] == '\r') {
                assertTrue(i + 1 < body.length && body[i + 1] == '\n', "a bare CR at octet " + i);
                lines.add(Arrays.copyOfRange(body, start, i));
                start = i + 2;
                i++;
            }
        }
        assertEquals(body.length, start, "the document ends with CRLF");
        return lines;
    }

    /** A line's name, parameters and value: {@code NAME;PARAM=VALUE:value}. */
    private static Property property(String line) {
        int colon = line.indexOf(':');
        assertTrue(colon > 0, "a content line has a name and a value: " + line);
        String[] head = line.substring(0, colon).split(";");
        assertTrue(head[0].matches("[A-Z0-9-]+"), "a property name: " + head[0]);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            String[] parameter = head[i].split("=", 2);
            assertEquals(2, parameter.length, "a parameter has a value: " + line);
            parameters.put(parameter[0], parameter[1]);
        }
        return new Property(head[0], parameters, line.substring(colon + 1));
    }

    private static String utf8(byte[] line) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("a line is not UTF-8 on its own (a fold cut a character): "
                    + Arrays.toString(line), e);
        }
    }
}

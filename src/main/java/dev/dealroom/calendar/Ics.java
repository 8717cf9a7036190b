package dev.dealroom.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An iCalendar document (RFC 5545) written line by line, the way strict calendar applications read it: CRLF after
 * every line, lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped.
 */
final class Ics {

    /** The longest content line, in octets, not counting its CRLF (RFC 5545, 3.1). */
    static final int MAX_OCTETS = 75;

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder();

    /** A property whose value is written as given (dates, keywords, URIs). */
    Ics line(String nameAndParameters, String value) {
        fold(nameAndParameters + ":" + value);
        return this;
    }

    /** A property of type TEXT: its value escaped. */
    Ics text(String name, String value) {
        return line(name, escape(value));
    }

    /** A DATE property: {@code DTSTART;VALUE=DATE:20270331}. */
    Ics date(String name, LocalDate day) {
        return line(name + ";VALUE=DATE", DATE.format(day));
    }

    /** A DATE-TIME property in UTC, to the second: {@code DTSTAMP:20261207T112233Z}. */
    Ics instant(String name, Instant at) {
        return line(name, UTC.format(at.truncatedTo(ChronoUnit.SECONDS)));
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, every line break as {@code \n}. Other
     * control characters are not allowed in TEXT; texts stored before input was checked could hold some, so they go.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                case '\r' -> {
                    escaped.append("\\n");
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                default -> {
                    if (c >= 0x20 && c != 0x7f || c == '\t') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /**
     * Writes one content line, folded: at most 75 octets per line, each continuation starting with a space (which
     * counts), and a fold only between two characters, never inside one's UTF-8 bytes or a surrogate pair.
     */
    private void fold(String line) {
        int octets = 0;
        for (int i = 0; i < line.length();) {
            int codePoint = line.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (octets + size > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}

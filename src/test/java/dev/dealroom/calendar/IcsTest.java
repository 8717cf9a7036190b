package dev.dealroom.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The iCalendar writer's folding and escaping, at their edges. */
class IcsTest {

    @Test
    void aLineOfSeventyFiveOctetsStaysWholeAndOneMoreFolds() {
        String exact = "X".repeat(75 - "SUMMARY:".length());
        assertEquals("SUMMARY:" + exact + "\r\n", new Ics().line("SUMMARY", exact).toString());
        assertEquals("SUMMARY:" + exact + "\r\n Y\r\n", new Ics().line("SUMMARY", exact + "Y").toString());
    }

    @Test
    void aFoldNeverCutsACharacterAndContinuationsCountTheirSpace() {
        // "SUMMARY:" is 8 octets; 66 more make 74, and the next character ("é", two octets) would make 76
        String text = "a".repeat(66) + "é" + "b".repeat(73) + "🎯" + "c";
        String written = new Ics().text("SUMMARY", text).toString();
        String[] lines = written.split("\r\n");
        assertEquals("SUMMARY:" + "a".repeat(66), lines[0]);
        assertEquals(" é" + "b".repeat(72), lines[1]);
        assertEquals(" b🎯c", lines[2]);
        for (String line : lines) {
            assertEquals(true, line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        assertEquals(text, written.replace("\r\n ", "").replace("SUMMARY:", "").replace("\r\n", ""));
    }

    @Test
    void textEscapesBackslashSemicolonCommaAndEveryLineBreakAndDropsOtherControls() {
        assertEquals("a\\\\b\\;c\\,d\\ne\\nf\\ng\th", Ics.escape("a\\b;c,d\ne\r\nf\rg\th\u0007"));
    }

    @Test
    void datesAreBasicAndInstantsAreUtcToTheSecond() {
        String written = new Ics().date("DTSTART", LocalDate.of(2027, 3, 31))
                .instant("DTSTAMP", Instant.parse("2026-12-07T11:22:33.456789Z")).toString();
        assertEquals("DTSTART;VALUE=DATE:20270331\r\nDTSTAMP:20261207T112233Z\r\n", written);
    }
}

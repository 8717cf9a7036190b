package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dealroom.common.Texts.Lines;

/** The text rules, character by character (the API's answers to them are in BadInputTest). */
class TextsTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = { "0000", "0001", "0007", "0008", "000B", "000C", "001B", "001F", "007F", "0080", "0085",
            "009F", "2028", "2029", "D800", "DBFF", "DC00", "DFFF" })
    void refusedEverywhere(String hex) {
        String text = "a" + (char) Integer.parseInt(hex, 16) + "b";
        assertTrue(Texts.problem(text, Lines.SINGLE).isPresent());
        assertTrue(Texts.problem(text, Lines.MULTI).isPresent());
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = { "000A", "0009", "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069" })
    void refusedInOneLineOnly(String hex) {
        String text = "a" + (char) Integer.parseInt(hex, 16) + "b";
        assertTrue(Texts.problem(text, Lines.SINGLE).isPresent());
        assertFalse(Texts.problem(text, Lines.MULTI).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Café", "東京", "Ελλάδα", "مرحبا", "🚀", "👩\u200D💻", "a\u200Eb", "x\u00A0y", "🇫🇷" })
    void keptWhatPeopleWrite(String text) {
        assertFalse(Texts.problem(text, Lines.SINGLE).isPresent(), text);
        assertTrue(Texts.rendersSomething(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\u200B", "\u200C\u200D", "\uFEFF", "\u2060", "\u00AD", "\u3164", "\u115F",
            "\u2800", "\u00A0\u2003", "\u0301", "\uFE0F", "\n\t" })
    void showsNothing(String text) {
        assertFalse(Texts.rendersSomething(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "a\\r\\nb|a  b", "a\u0000b|ab", "a\u202Eb|ab", "a\uD800b|ab",
            "🚀\\tx|🚀 x", "plain|plain" })
    void toSingleLine(String text, String line) {
        assertEquals(line, Texts.toSingleLine(unescape(text)));
    }

    /** CSV sources cannot hold control characters; the rows write them as Java escapes. */
    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }
}

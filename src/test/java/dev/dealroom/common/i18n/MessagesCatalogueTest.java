package dev.dealroom.common.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.group.DefaultGroup;
import dev.dealroom.signoff.SignoffStatus;
import dev.dealroom.task.TaskStatus;

/**
 * The server's catalogues ({@code i18n/messages_en.properties}, {@code messages_fr.properties}) are complete: the same
 * keys in both, the same placeholders, and a text for every problem code, health reason code, email kind, key a
 * source names, constraint, status and default group.
 */
class MessagesCatalogueTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/dealroom");
    /** {@code Text.of("key"} and the keys of a ternary inside it: literal catalogue keys in the sources. */
    private static final Pattern TEXT_OF = Pattern.compile("Text\\.of\\(\\s*(?:[^\"(),]+\\?\\s*)?\"([a-z][a-z0-9.-]+)\""
            + "(?:\\s*:\\s*\"([a-z][a-z0-9.-]+)\")?");

    @Test
    void bothLanguagesHaveTheSameKeysWithTheSamePlaceholders() {
        Set<String> english = Messages.keys(Language.EN);
        Set<String> french = Messages.keys(Language.FR);
        Set<String> onlyEnglish = new TreeSet<>(english);
        onlyEnglish.removeAll(french);
        Set<String> onlyFrench = new TreeSet<>(french);
        onlyFrench.removeAll(english);
        assertEquals(Set.of(), onlyEnglish, "keys missing in French");
        assertEquals(Set.of(), onlyFrench, "keys missing in English");
        List<String> differing = new ArrayList<>();
        for (String key : english) {
            if (!Messages.placeholders(Messages.template(Language.EN, key))
                    .equals(Messages.placeholders(Messages.template(Language.FR, key)))) {
                differing.add(key);
            }
        }
        assertEquals(List.of(), differing, "keys whose placeholders differ between English and French");
        for (Language language : Language.values()) {
            for (String key : Messages.keys(language)) {
                assertFalse(Messages.template(language, key).isBlank(), language + " " + key + " is empty");
                if (key.endsWith(".one")) {
                    String plural = key.substring(0, key.length() - ".one".length());
                    assertTrue(Messages.keys(language).contains(plural + ".other"), plural + " has no .other");
                }
            }
        }
    }

    @Test
    void everyProblemCodeHasATitleInEachLanguage() {
        for (ProblemCode code : ProblemCode.values()) {
            assertHasText(code.titleKey());
        }
    }

    @Test
    void everyHealthReasonCodeHasATextInEachLanguage() throws IOException {
        Set<String> codes = matches(Pattern.compile("new Finding\\(\"([a-z-]+)\""),
                SOURCES.resolve("progress/ProgressCalculator.java"));
        assertEquals(Set.of("tasks-overdue", "tasks-blocked", "group-idle", "update-unseen", "decision-slip"), codes);
        for (String code : codes) {
            assertHasText("reason." + code);
        }
        for (String update : List.of("announcement", "signoff-request", "milestone-change", "other")) {
            assertHasText("update." + update);
        }
        assertHasText("progress.private-group");
    }

    @Test
    void everyEmailKindHasASubjectAndABodyInEachLanguage() {
        for (String kind : List.of("invitation", "mention", "nudge", "signoff", "digest")) {
            assertHasText("email." + kind + ".subject");
            assertHasText("email." + kind + ".body");
        }
        assertHasText("email.footer");
    }

    @Test
    void everyKeyTheSourcesNameHasATextInEachLanguage() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = TEXT_OF.matcher(Files.readString(file));
                while (matcher.find()) {
                    keys.add(matcher.group(1));
                    if (matcher.group(2) != null) {
                        keys.add(matcher.group(2));
                    }
                }
            }
        }
        keys.removeIf(key -> key.endsWith(".")); // a family, checked below
        assertTrue(keys.size() > 50, keys.toString());
        keys.forEach(MessagesCatalogueTest::assertHasText);
        for (String limit : matches(Pattern.compile("new Limit\\(\"([a-z-]+)\""),
                SOURCES.resolve("common/RateLimits.java"))) {
            assertHasText("limit." + limit);
        }
        for (TaskStatus status : TaskStatus.values()) {
            assertHasText("enum.task-status." + status);
        }
        for (SignoffStatus status : SignoffStatus.values()) {
            assertHasText("enum.signoff-status." + status);
        }
        for (DefaultGroup group : DefaultGroup.values()) {
            assertHasText("group." + group.key());
            assertEquals(group.displayName(), Messages.render(Language.EN, Text.of("group." + group.key())));
        }
    }

    @Test
    void everyConstraintTheRequestsUseHasAMessageInEachLanguage() throws IOException {
        Set<String> constraints = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                constraints.addAll(matches(Pattern.compile(
                        "import (?:jakarta\\.validation\\.constraints|dev\\.dealroom\\.common)\\.(\\w+);"), file));
            }
        }
        constraints.retainAll(Set.of("NotNull", "NotBlank", "NotEmpty", "Size", "Email", "Pattern", "Min", "Max",
                "DecimalMin", "DecimalMax", "Digits", "Positive", "PositiveOrZero", "Negative", "Past", "Future",
                "AssertTrue", "AssertFalse", "Visible", "SingleLine", "MultiLine"));
        assertTrue(constraints.contains("NotNull"), constraints.toString());
        for (String constraint : constraints) {
            assertHasText("constraint." + constraint);
        }
        assertHasText("constraint.default");
    }

    @Test
    void frenchIsWrittenTheFrenchWay() {
        for (String key : Messages.keys(Language.FR)) {
            String text = Messages.template(Language.FR, key);
            assertFalse(text.contains("'"), key + " uses a typewriter apostrophe: " + text);
            assertFalse(Pattern.compile("[^\\s\u00a0\u202f][:;?!](\\s|$)").matcher(text).find(),
                    key + " lacks the space before a high punctuation mark: " + text);
            assertFalse(Pattern.compile(" [:;?!]").matcher(text).find(),
                    key + " has a breaking space before a high punctuation mark: " + text);
        }
    }

    @Test
    void pluralsNumbersAndDaysFollowTheLanguage() {
        assertEquals("1 task overdue in Proof", Messages.render(Language.EN,
                Text.of("reason.tasks-overdue", "count", 1L, "group", "Proof")));
        assertEquals("0 tasks overdue in Proof", Messages.render(Language.EN,
                Text.of("reason.tasks-overdue", "count", 0L, "group", "Proof")));
        // French counts 0 as singular
        assertEquals("0 tâche en retard dans Preuve", Messages.render(Language.FR,
                Text.of("reason.tasks-overdue", "count", 0L, "group", "Preuve")));
        assertEquals("2 tâches en retard dans Preuve", Messages.render(Language.FR,
                Text.of("reason.tasks-overdue", "count", 2L, "group", "Preuve")));
        assertEquals("1,048,576", Messages.render(Language.EN, Text.of("detail.body-limit", "limit", 1_048_576L))
                .replaceAll("[^0-9,]", ""));
        assertEquals("1048576", Messages.render(Language.FR, Text.of("detail.body-limit", "limit", 1_048_576L))
                .replaceAll("[^0-9]", ""));
        assertEquals("6 January 2027", Messages.day(Language.EN, LocalDate.of(2027, 1, 6)));
        assertEquals("6 janvier 2027", Messages.day(Language.FR, LocalDate.of(2027, 1, 6)));
        // a parameter's own braces are not placeholders
        assertEquals("{x} is already a member of this room",
                Messages.render(Language.EN, Text.of("detail.member-exists", "email", "{x}")));
    }

    @Test
    void acceptLanguageHonoursQualityValues() {
        assertEquals(Language.FR, Language.fromAcceptLanguage("fr").orElseThrow());
        assertEquals(Language.FR, Language.fromAcceptLanguage("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7").orElseThrow());
        assertEquals(Language.FR, Language.fromAcceptLanguage("en;q=0.5, fr-CA;q=0.9").orElseThrow());
        assertEquals(Language.EN, Language.fromAcceptLanguage("fr;q=0, en").orElseThrow());
        assertEquals(Language.EN, Language.fromAcceptLanguage("de, en;q=0.3, fr;q=0.2").orElseThrow());
        assertEquals(Language.FR, Language.fromAcceptLanguage("de, fr;q=0.3").orElseThrow());
        assertEquals(Language.EN, Language.fromAcceptLanguage("en, fr").orElseThrow(), "a tie goes to the first");
        assertTrue(Language.fromAcceptLanguage("de-DE, es").isEmpty());
        assertTrue(Language.fromAcceptLanguage("fr;q=abc").isEmpty());
        assertTrue(Language.fromAcceptLanguage(null).isEmpty());
        assertEquals(Language.EN, RequestLanguage.ofHeader("de"));
    }

    private static void assertHasText(String key) {
        for (Language language : Language.values()) {
            assertTrue(Messages.has(language, key), "no " + language + " text for " + key);
        }
    }

    private static Set<String> matches(Pattern pattern, Path file) throws IOException {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(Files.readString(file));
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}

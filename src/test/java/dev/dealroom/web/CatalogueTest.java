package dev.dealroom.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.committee.Attitude;
import dev.dealroom.committee.CommitteeRole;
import dev.dealroom.progress.EngagementView;
import dev.dealroom.progress.ProgressView;
import dev.dealroom.room.RoomStage;
import dev.dealroom.room.RoomStatus;
import dev.dealroom.signoff.Decision;
import dev.dealroom.signoff.SignoffStatus;
import dev.dealroom.task.TaskStatus;

/**
 * The page's two catalogues ({@code frontend/i18n/en.json}, {@code fr.json}) say the same things: the same keys,
 * the same placeholders, the plural forms each language needs; every key the scripts name exists, every key is
 * named somewhere, and every value of the enums the page shows has its words.
 */
class CatalogueTest {

    private static final Path CATALOGUES = Path.of("frontend", "i18n");
    private static final Path SCRIPTS = Path.of("frontend", "src");
    private static final Set<String> PLURAL_FORMS = Set.of("zero", "one", "two", "few", "many", "other");
    private static final Map<String, Set<String>> PLURALS_NEEDED = Map.of(
            "en", Set.of("one", "other"), "fr", Set.of("one", "other"));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** t('a.b'), has('a.b'): a key named in full. */
    private static final Pattern NAMED = Pattern.compile("\\b(?:t|has)\\(\\s*'([A-Za-z0-9_.]+)'");
    /** t(`a.b.${x}`): a family of keys named by its prefix. */
    private static final Pattern FAMILY = Pattern.compile("\\b(?:t|has)\\(\\s*`([A-Za-z0-9_.]+)\\.\\$\\{");
    /** label('kind', …), statusBadge('kind', …): the enum.kind family. */
    private static final Pattern ENUM_KIND = Pattern.compile("\\b(?:label|statusBadge)\\(\\s*'(\\w+)'");
    /** Any quoted word with a dot: a key kept in a table, such as { reconnecting: 'live.reconnecting' }. */
    private static final Pattern QUOTED_KEY = Pattern.compile("'([a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)+)'");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() throws IOException {
        Map<String, JsonNode> en = entries("en");
        Map<String, JsonNode> fr = entries("fr");
        assertEquals(new TreeSet<>(en.keySet()), new TreeSet<>(fr.keySet()), "keys of en.json vs fr.json");
        for (String key : en.keySet()) {
            assertEquals(placeholders(en.get(key)), placeholders(fr.get(key)), "placeholders of " + key);
        }
    }

    @Test
    void everyTextIsWordsAndEveryPluralHasTheFormsItsLanguageNeeds() throws IOException {
        for (String language : PLURALS_NEEDED.keySet()) {
            entries(language).forEach((key, value) -> {
                if (value.isObject()) {
                    Set<String> forms = new TreeSet<>(names(value));
                    assertTrue(PLURAL_FORMS.containsAll(forms), language + " " + key + " has forms " + forms);
                    assertTrue(forms.containsAll(PLURALS_NEEDED.get(language)), language + " " + key + " lacks a form");
                    value.forEach(form -> assertTrue(form.isTextual() && !form.asText().isBlank(), language + " " + key));
                    assertTrue(forms.stream().allMatch(form -> value.get(form).asText().contains("{count}")
                            || form.equals("one")), language + " " + key + ": a plural shows {count}");
                } else {
                    assertTrue(value.isTextual() && !value.asText().isBlank(), language + " " + key + " is empty");
                }
            });
        }
    }

    /** As the server's French (MessagesCatalogueTest): a narrow no-break space before : ; ? ! and inside « ». */
    @Test
    void frenchIsWrittenTheFrenchWay() throws IOException {
        entries("fr").forEach((key, value) -> {
            List<String> texts = new ArrayList<>();
            if (value.isObject()) {
                value.forEach(form -> texts.add(form.asText()));
            } else {
                texts.add(value.asText());
            }
            for (String text : texts) {
                assertFalse(text.contains("'"), key + " uses a typewriter apostrophe: " + text);
                assertFalse(Pattern.compile("[^\\s\u00a0\u202f][:;?!](\\s|$)").matcher(text).find(),
                        key + " lacks the space before a high punctuation mark: " + text);
                assertFalse(Pattern.compile("[ \u00a0][:;?!]").matcher(text).find(),
                        key + " has a wide space before a high punctuation mark: " + text);
                assertFalse(Pattern.compile("«[^\u202f]|[^\u202f]»").matcher(text).find(),
                        key + " lacks the narrow space inside its quotation marks: " + text);
            }
        });
    }

    @Test
    void everyKeyTheScriptsNameExistsAndEveryKeyIsNamed() throws IOException {
        Set<String> keys = entries("en").keySet();
        String scripts = scripts();
        Set<String> named = matches(NAMED, scripts);
        Set<String> families = matches(FAMILY, scripts);
        Set<String> enumKinds = matches(ENUM_KIND, scripts);
        Set<String> quoted = matches(QUOTED_KEY, scripts);

        assertEquals(Set.of(), named.stream().filter(key -> !keys.contains(key)).collect(Collectors.toSet()),
                "named in the scripts, missing from the catalogues");
        assertEquals(Set.of(), families.stream().filter(prefix -> keys.stream().noneMatch(key -> key.startsWith(prefix + ".")))
                .collect(Collectors.toSet()), "key families named in the scripts, with no key in the catalogues");
        assertEquals(Set.of(), enumKinds.stream().filter(kind -> keys.stream().noneMatch(key -> key.startsWith("enum." + kind + ".")))
                .collect(Collectors.toSet()), "enum kinds named in the scripts, with no words in the catalogues");

        List<String> unused = new ArrayList<>();
        for (String key : keys) {
            boolean used = named.contains(key) || quoted.contains(key)
                    || families.stream().anyMatch(prefix -> key.startsWith(prefix + "."))
                    || key.startsWith("enum.") && enumKinds.contains(key.split("\\.")[1]);
            if (!used) {
                unused.add(key);
            }
        }
        assertEquals(List.of(), unused, "keys no script names: remove them or name them");
    }

    @Test
    void everyValueOfTheEnumsThePageShowsHasItsWords() throws IOException {
        Map<String, List<String>> shown = new TreeMap<>(Map.of(
                "stage", names(RoomStage.values()),
                "roomStatus", names(RoomStatus.values()),
                "taskStatus", names(TaskStatus.values()),
                "signoffStatus", names(SignoffStatus.values()),
                "decision", names(Decision.values()),
                "health", names(ProgressView.Verdict.values()),
                "committeeRole", names(CommitteeRole.values()),
                "attitude", names(Attitude.values()),
                "engagementLevel", names(EngagementView.Level.values())));
        for (String language : PLURALS_NEEDED.keySet()) {
            Set<String> keys = entries(language).keySet();
            shown.forEach((kind, values) -> values.forEach(value ->
                    assertTrue(keys.contains("enum." + kind + "." + value), language + " lacks enum." + kind + "." + value)));
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** The catalogue as flat keys: "a.b.c" -> a text, or an object of plural forms. */
    private Map<String, JsonNode> entries(String language) throws IOException {
        Map<String, JsonNode> flat = new TreeMap<>();
        flatten("", json.readTree(CATALOGUES.resolve(language + ".json").toFile()), flat);
        assertTrue(!flat.isEmpty(), language);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        boolean plural = node.isObject() && node.has("other") && names(node).stream().allMatch(PLURAL_FORMS::contains);
        if (node.isObject() && !plural) {
            node.fields().forEachRemaining(field -> flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                    field.getValue(), into));
        } else {
            into.put(prefix, node);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The placeholders of a text, or of all the forms of a plural. */
    private static Set<String> placeholders(JsonNode value) {
        List<String> texts = new ArrayList<>();
        if (value.isObject()) {
            value.elements().forEachRemaining(form -> texts.add(form.asText()));
        } else {
            texts.add(value.asText());
        }
        Set<String> found = new TreeSet<>();
        texts.forEach(text -> found.addAll(matches(PLACEHOLDER, text)));
        return found;
    }

    private static String scripts() throws IOException {
        try (Stream<Path> files = Files.walk(SCRIPTS)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(file -> file.toString().endsWith(".js")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            return all.toString();
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}

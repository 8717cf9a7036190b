package dev.dealroom.common.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * The server's human texts, one catalogue per language: {@code i18n/messages_en.properties} and
 * {@code messages_fr.properties} (UTF-8): problem titles, field messages, health reasons and emails. A text names its
 * parameters ({@code {name}}); numbers and dates among them are written the language's way. A key with the suffixes
 * {@code .one} and {@code .other} is a plural, chosen by the parameter {@code count}. {@code MessagesCatalogueTest}
 * fails when a key is in one catalogue only, when the two differ in placeholders, or when a code has no text.
 */
public final class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)\\}");
    private static final Map<Language, Map<String, String>> CATALOGUES = load();
    private static final Map<Language, DateTimeFormatter> DAYS = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            DAYS.put(language, DateTimeFormatter.ofPattern(CATALOGUES.get(language).get("format.day"),
                    language.locale()));
        }
    }

    private Messages() {
    }

    /** The text in the language, its placeholders filled. */
    public static String render(Language language, Text text) {
        return render(language, text.key(), text.args());
    }

    public static String render(Language language, String key, Map<String, Object> args) {
        Map<String, String> catalogue = CATALOGUES.get(language);
        String template = catalogue.get(key);
        if (template == null && args.get("count") instanceof Number count) {
            template = catalogue.get(key + (isOne(language, count.longValue()) ? ".one" : ".other"));
        }
        if (template == null) {
            LOG.errorf("No %s text for %s", language.tag(), key);
            return key;
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = args.containsKey(name) ? format(language, args.get(name)) : placeholder.group();
            placeholder.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(text).toString();
    }

    /** A day written the language's way: {@code 6 January 2027}, {@code 6 janvier 2027}. */
    public static String day(Language language, LocalDate day) {
        return DAYS.get(language).format(day);
    }

    /** Every key of the language's catalogue, plural keys with their suffix. */
    public static Set<String> keys(Language language) {
        return Collections.unmodifiableSet(new TreeSet<>(CATALOGUES.get(language).keySet()));
    }

    /** Whether the language has a text for the key (as a plain or as a plural text). */
    public static boolean has(Language language, String key) {
        Map<String, String> catalogue = CATALOGUES.get(language);
        return catalogue.containsKey(key) || catalogue.containsKey(key + ".one") && catalogue.containsKey(key + ".other");
    }

    /** The raw template of a key, or null. */
    public static String template(Language language, String key) {
        return CATALOGUES.get(language).get(key);
    }

    /** The names of a template's placeholders. */
    public static Set<String> placeholders(String template) {
        Set<String> names = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }

    /** CLDR's "one": exactly 1 in English; 0 and 1 in French. */
    private static boolean isOne(Language language, long count) {
        return language == Language.FR ? count == 0 || count == 1 : count == 1;
    }

    private static String format(Language language, Object value) {
        if (value instanceof Text nested) {
            return render(language, nested);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return NumberFormat.getIntegerInstance(language.locale()).format(((Number) value).longValue());
        }
        if (value instanceof LocalDate date) {
            return day(language, date);
        }
        return String.valueOf(value);
    }

    private static Map<Language, Map<String, String>> load() {
        Map<Language, Map<String, String>> catalogues = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String path = "i18n/messages_" + language.tag() + ".properties";
            try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("Missing catalogue " + path);
                }
                Properties properties = new Properties();
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                Map<String, String> catalogue = new TreeMap<>();
                properties.stringPropertyNames().forEach(key -> catalogue.put(key, properties.getProperty(key)));
                catalogues.put(language, Collections.unmodifiableMap(catalogue));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return catalogues;
    }
}

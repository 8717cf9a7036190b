package dev.dealroom.common.i18n;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The languages Deal Room speaks: its human texts exist in each ({@code i18n/messages_<tag>.properties}). */
public enum Language {
    EN("en", Locale.ENGLISH), FR("fr", Locale.FRENCH);

    /** What a person who never chose, and whose request names no language we speak, reads. */
    public static final Language FALLBACK = EN;

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The two-letter tag: {@code en}, {@code fr}; as stored and as the API names it. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The language a tag names ({@code fr}, {@code fr-CA}, {@code FR}), if we speak it. */
    public static Optional<Language> of(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String primary = tag.strip().split("[-_]", 2)[0];
        return Arrays.stream(values()).filter(language -> language.tag.equalsIgnoreCase(primary)).findFirst();
    }

    /**
     * The language an {@code Accept-Language} header prefers among ours (RFC 9110: the highest quality value
     * wins, ties go to the earlier entry, {@code q=0} means "not this one", {@code *} means any), if any.
     */
    public static Optional<Language> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 1000) {
            return Optional.empty();
        }
        record Choice(Language language, double quality, int position) {
        }
        String[] ranges = header.split(",");
        java.util.List<Choice> choices = new java.util.ArrayList<>();
        for (int i = 0; i < ranges.length && i < 50; i++) {
            String[] parts = ranges[i].split(";");
            String range = parts[0].strip();
            double quality = 1;
            for (int p = 1; p < parts.length; p++) {
                String parameter = parts[p].strip();
                if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2).strip());
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            if (!(quality > 0) || quality > 1) {
                continue;
            }
            Optional<Language> language = "*".equals(range) ? Optional.of(FALLBACK) : of(range);
            if (language.isPresent()) {
                choices.add(new Choice(language.get(), quality, i));
            }
        }
        return choices.stream()
                .max(Comparator.comparingDouble(Choice::quality).thenComparing(Choice::position,
                        Comparator.reverseOrder()))
                .map(Choice::language);
    }
}

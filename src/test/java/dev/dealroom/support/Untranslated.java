package dev.dealroom.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

/**
 * English left on a page shown in French: every visible text node that reads exactly as an English text of the
 * page's catalogue (placeholders match anything) whose French differs. It catches a string that bypasses the
 * catalogue only when the same words are in the catalogue too, so it complements, not replaces, the rule that
 * every text goes through {@code t()}.
 */
public final class Untranslated {

    private static final Path CATALOGUES = Path.of("frontend", "i18n");
    private static final List<Pattern> ENGLISH_ONLY = patterns(true);
    private static final List<Pattern> FRENCH = patterns(false);

    private Untranslated() {
    }

    /** The English texts visible on {@code page}, as "name: text" lines; empty when there is none. */
    public static List<String> englishOn(Page page, String name) {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) page.evaluate("""
                () => {
                  const texts = [];
                  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const text = node.textContent.replace(/\\s+/g, ' ').trim();
                    const box = node.parentElement;
                    if (!text || !box || box.closest('[hidden], script, style, .sr-only')) continue;
                    if (box.getClientRects().length === 0) continue;
                    texts.push(text);
                  }
                  return texts;
                }""");
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            // "{name} logo" would match "Déposer un logo": a text that French words explain is French
            if (ENGLISH_ONLY.stream().anyMatch(pattern -> pattern.matcher(text).matches())
                    && FRENCH.stream().noneMatch(pattern -> pattern.matcher(text).matches())) {
                found.add(name + ": English text \"" + text + "\"");
            }
        }
        return found.stream().distinct().toList();
    }

    /** The English texts whose French differs ({@code englishOnly}), or all the French texts, as patterns. */
    private static List<Pattern> patterns(boolean englishOnly) {
        Map<String, String> en = flatten("en");
        Map<String, String> fr = flatten("fr");
        List<Pattern> patterns = new ArrayList<>();
        (englishOnly ? en : fr).forEach((key, text) -> {
            if (englishOnly && (text.equals(fr.get(key))
                    || !text.replaceAll("\\{\\w+}", "").matches("(?s).*\\p{L}{3,}.*"))) {
                return;
            }
            String[] literals = text.replaceAll("\\s+", " ").strip().split("\\{\\w+}", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < literals.length; i++) {
                regex.append(i > 0 ? ".+" : "").append(Pattern.quote(literals[i]));
            }
            patterns.add(Pattern.compile(regex.toString()));
        });
        return patterns;
    }

    /** key -> text; a plural's forms become keys of their own. */
    private static Map<String, String> flatten(String language) {
        try {
            Map<String, String> flat = new TreeMap<>();
            walk("", new ObjectMapper().readTree(CATALOGUES.resolve(language + ".json").toFile()), flat);
            return flat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> walk(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                    field.getValue(), into));
        } else {
            into.put(prefix, node.asText());
        }
    }
}

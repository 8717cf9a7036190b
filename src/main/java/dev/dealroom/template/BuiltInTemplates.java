package dev.dealroom.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.dealroom.common.i18n.Language;
import io.quarkus.runtime.Startup;

/**
 * The templates Deal Room ships ({@code src/main/resources/templates/*.json}): read-only, each text in every language
 * ({@code {"en": ..., "fr": ...}}), read in the reader's. Checked when the server starts.
 */
@Startup
@ApplicationScoped
public class BuiltInTemplates {

    /** The complex B2B evaluation: the default workstreams with a starter plan. */
    public static final String COMPLEX_B2B_EVALUATION = "complex-b2b-evaluation";

    private static final List<String> FILES = List.of(COMPLEX_B2B_EVALUATION);

    /** A built-in template in one language. */
    record Localized(String id, String name, String description, TemplateContent content) {

        TemplateView view(boolean withContent) {
            return new TemplateView(id, name, description, true, true, false, null, null, null,
                    withContent ? content : null);
        }
    }

    private final Map<Language, List<Localized>> byLanguage = new EnumMap<>(Language.class);

    public BuiltInTemplates(ObjectMapper json) {
        for (Language language : Language.values()) {
            List<Localized> list = new ArrayList<>();
            for (String file : FILES) {
                JsonNode node = localize(read(json, file), language);
                try {
                    TemplateContent content = json.treeToValue(node.get("content"), TemplateContent.class);
                    String problem = content.problem();
                    if (problem != null || !file.equals(node.path("id").asText())) {
                        throw new IllegalStateException("Built-in template " + file + " (" + language.tag()
                                + ") is not valid: " + problem);
                    }
                    list.add(new Localized(file, node.path("name").asText(), node.path("description").asText(),
                            content));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            byLanguage.put(language, List.copyOf(list));
        }
    }

    /** Every built-in template, in the language. */
    List<Localized> all(Language language) {
        return byLanguage.get(language);
    }

    Optional<Localized> find(String id, Language language) {
        return all(language).stream().filter(template -> template.id().equals(id)).findFirst();
    }

    private static JsonNode read(ObjectMapper json, String file) {
        String path = "templates/" + file + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + path);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every language's tag: an object of exactly these names is one text in each language. */
    private static final Set<String> LANGUAGE_TAGS = java.util.Arrays.stream(Language.values()).map(Language::tag)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The tree with each {@code {"en": ..., "fr": ...}} object replaced by its text in the language. */
    private static JsonNode localize(JsonNode node, Language language) {
        if (node instanceof ObjectNode object) {
            Set<String> names = new java.util.HashSet<>();
            object.fieldNames().forEachRemaining(names::add);
            if (names.equals(LANGUAGE_TAGS)) {
                JsonNode text = object.get(language.tag());
                if (!text.isTextual()) {
                    throw new IllegalStateException("Not a text: " + object);
                }
                return TextNode.valueOf(text.asText());
            }
            ObjectNode copy = object.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), localize(field.getValue(), language));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(element -> copy.add(localize(element, language)));
            return copy;
        }
        return node;
    }
}

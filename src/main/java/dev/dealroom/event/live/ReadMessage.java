package dev.dealroom.event.live;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The one message a client sends on a room's socket, {@code {"type":"read","groupId":"...","seq":N}}: the client
 * has shown its user the group up to {@code seq}. Read strictly, so that nothing odd reaches the database: a
 * JSON object (and nothing after it) whose {@code type} is the string {@code read}, whose {@code groupId} is a
 * group's id or key as a string (letters, digits and dashes; no control characters), and whose
 * {@code seq} is a whole number from 0. Anything else is not a read marker; other fields are let be.
 */
record ReadMessage(String groupRef, long seq) {

    /** A UUID or a default group's key. */
    private static final Pattern GROUP_REF = Pattern.compile("[0-9A-Za-z][0-9A-Za-z-]{0,35}");

    static Optional<ReadMessage> parse(ObjectMapper json, String text) {
        JsonNode message;
        try {
            message = reader(json).readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (message == null || !message.isObject() || !"read".equals(textOf(message.get("type")))) {
            return Optional.empty();
        }
        String groupRef = textOf(message.get("groupId"));
        JsonNode seq = message.get("seq");
        if (groupRef == null || !GROUP_REF.matcher(groupRef).matches() || seq == null || !seq.isIntegralNumber()
                || !seq.canConvertToLong() || seq.asLong() < 0) {
            return Optional.empty();
        }
        return Optional.of(new ReadMessage(groupRef, seq.asLong()));
    }

    private static ObjectReader reader(ObjectMapper json) {
        return json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static String textOf(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}

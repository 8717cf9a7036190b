package dev.dealroom.event.live;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.Texts;

/**
 * The one message a client sends on a room's socket, {@code {"type":"read","groupId":"...","seq":N}}: the client
 * has shown its user the group up to {@code seq}. Read strictly, so that nothing odd reaches the database: a
 * JSON object (and nothing after it: the mapper is strict, see {@code common.StrictJson}) whose {@code type} is the
 * string {@code read}, whose {@code groupId} is a string that holds to the text rules ({@link Texts}; which group it
 * names, if any, the access policy decides), and whose {@code seq} is a whole number from 0. Anything else is not a
 * read marker; other fields are let be.
 */
record ReadMessage(String groupRef, long seq) {

    /** Longer than any group's id or key. */
    private static final int GROUP_REF_LIMIT = 64;

    static Optional<ReadMessage> parse(ObjectMapper json, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (message == null || !message.isObject() || !"read".equals(textOf(message.get("type")))) {
            return Optional.empty();
        }
        String groupRef = textOf(message.get("groupId"));
        JsonNode seq = message.get("seq");
        if (groupRef == null || groupRef.length() > GROUP_REF_LIMIT
                || Texts.problem(groupRef, Texts.Lines.SINGLE).isPresent() || seq == null || !seq.isIntegralNumber()
                || !seq.canConvertToLong() || seq.asLong() < 0) {
            return Optional.empty();
        }
        return Optional.of(new ReadMessage(groupRef, seq.asLong()));
    }

    private static String textOf(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}

package dev.dealroom.member;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What identifies one erased member in the JSON the room keeps (event payloads, kept responses), and how to take it
 * out: any text that is their name (any name they had in the room) or their email becomes null, wherever it is; in an
 * object about them ({@code id}, {@code memberId} or {@code buyerId} is theirs) their title, buying roles and attitude
 * go too; and with {@code removeText}, the body of their posts and the comment of their sign-off decisions. Ids stay,
 * so that the log keeps its shape and a former member's items stay together.
 */
record PersonalData(UUID memberId, Set<String> names, String email, boolean removeText) {

    /** Fields of an object about the member that say something of them beyond their name and email. */
    private static final Set<String> ABOUT_THEM = Set.of("title", "buyerTitle", "roles", "attitude");

    /** What, in stored JSON, shows that it may hold something of them: their id, email and names. */
    List<String> traces() {
        List<String> traces = new ArrayList<>(names);
        traces.add(memberId.toString());
        traces.add(email);
        return traces;
    }

    /** A copy of {@code node} without them. */
    JsonNode scrub(JsonNode node) {
        JsonNode copy = node.deepCopy();
        return personal(copy) ? NullNode.getInstance() : walk(copy);
    }

    private JsonNode walk(JsonNode node) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, personal(array.get(i)) ? NullNode.getInstance() : walk(array.get(i)));
            }
        } else if (node instanceof ObjectNode object) {
            boolean aboutThem = theirs(object.get("id")) || theirs(object.get("memberId"))
                    || theirs(object.get("buyerId"));
            boolean written = theirs(object.path("author").get("memberId"));
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                boolean goes = personal(field.getValue()) || aboutThem && ABOUT_THEM.contains(name)
                        || removeText && (written && name.equals("body") || aboutThem && name.equals("comment"));
                field.setValue(goes ? NullNode.getInstance() : walk(field.getValue()));
            }
        }
        return node;
    }

    private boolean theirs(JsonNode id) {
        return id != null && id.isTextual() && id.asText().equals(memberId.toString());
    }

    private boolean personal(JsonNode value) {
        return value.isTextual() && (names.contains(value.asText())
                || value.asText().toLowerCase(Locale.ROOT).equals(email));
    }
}

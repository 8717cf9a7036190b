package dev.dealroom.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dealroom.group.GroupKind;
import dev.dealroom.task.DueKind;

/** What a template may hold, checked on the way in and out, on its own. */
class TemplateContentTest {

    private static TemplateContent.Item item(String ref, DueKind kind, Integer days, String after) {
        return new TemplateContent.Item(ref, "Task " + ref, null, false, kind, days, after);
    }

    private static String problem(TemplateContent.Item... items) {
        return new TemplateContent(null, List.of(new TemplateContent.Group("proof", null, null, List.of(items),
                List.of()))).problem();
    }

    @Test
    void aPlanWithRelativeRulesAndChainsThatEndIsATemplate() {
        assertNull(problem(item("a", DueKind.AFTER_ROOM_OPENED, 3, null), item("b", DueKind.AFTER_TASK, 2, "a"),
                item("c", DueKind.BEFORE_DECISION, 0, null), item("d", null, null, null)));
    }

    @Test
    void aRuleMustBeRelativeWholeAndFollowAnItemOfItsGroupWithoutLooping() {
        assertEquals("groups.items.due", problem(item("a", DueKind.ABSOLUTE, null, null)));
        assertEquals("groups.items.due", problem(item("a", DueKind.AFTER_ROOM_OPENED, null, null)));
        assertEquals("groups.items.due", problem(item("a", DueKind.AFTER_ROOM_OPENED, 3651, null)));
        assertEquals("groups.items.due", problem(item("a", DueKind.BEFORE_DECISION, -1, null)));
        assertEquals("groups.items.due", problem(item("a", DueKind.AFTER_TASK, 1, null)));
        assertEquals("groups.items.due", problem(item("a", null, 1, null)));
        assertEquals("groups.items.after", problem(item("a", DueKind.AFTER_TASK, 1, "nowhere")));
        assertEquals("groups.items.after", problem(item("a", DueKind.AFTER_TASK, 1, "a")));
        assertEquals("groups.items.after", problem(item("a", DueKind.AFTER_TASK, 1, "b"),
                item("b", DueKind.AFTER_TASK, 1, "a")));
        assertEquals("groups.items.ref", problem(item("a", null, null, null), item("a", null, null, null)));
    }

    @Test
    void textsGroupsAndSizesAreBounded() {
        assertEquals("groups.items.title", problem(new TemplateContent.Item("a", "x".repeat(201), null, false, null,
                null, null)));
        assertEquals("groups.items.title", problem(new TemplateContent.Item("a", "nul\u0000", null, false, null,
                null, null)));
        assertEquals("groups.items.description", problem(new TemplateContent.Item("a", "ok", "d".repeat(5001),
                false, null, null, null)));
        assertEquals("groups.key", new TemplateContent(null, List.of(new TemplateContent.Group("lobby", null, null,
                List.of(), List.of()))).problem());
        assertEquals("groups.key", new TemplateContent(null, Collections.nCopies(2, new TemplateContent.Group(
                "proof", null, null, List.of(), List.of()))).problem());
        assertEquals("groups.name", new TemplateContent(null, List.of(new TemplateContent.Group(null, "Steering 2",
                GroupKind.STEERING, List.of(), List.of()))).problem());
        assertEquals("welcomeMessage", new TemplateContent("w".repeat(4001), List.of()).problem());
        List<TemplateContent.Item> many = new ArrayList<>();
        for (int i = 0; i <= TemplateContent.MAX_ITEMS; i++) {
            many.add(item("t" + i, null, null, null));
        }
        assertEquals("groups.items", problem(many.toArray(TemplateContent.Item[]::new)));
        // two hundred tasks in each of three groups is within each group's limit, not the template's
        List<TemplateContent.Item> full = new ArrayList<>(many.subList(0, TemplateContent.MAX_ITEMS));
        assertEquals("groups.items", new TemplateContent(null, Collections.nCopies(3,
                new TemplateContent.Group(null, "Side", GroupKind.CUSTOM, full, List.of()))).problem());
        assertEquals(null, new TemplateContent(null, Collections.nCopies(2,
                new TemplateContent.Group(null, "Side", GroupKind.CUSTOM, full, List.of()))).problem());
        assertEquals("groups", new TemplateContent(null, Collections.nCopies(TemplateContent.MAX_GROUPS + 1,
                new TemplateContent.Group(null, "Side", GroupKind.CUSTOM, List.of(), List.of()))).problem());
    }
}

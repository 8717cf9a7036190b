package dev.dealroom.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.dealroom.common.Texts;
import dev.dealroom.group.DefaultGroup;
import dev.dealroom.group.GroupKind;
import dev.dealroom.task.DueKind;

/**
 * What a template holds, without people: the welcome text and, per group, its plan and the sign-offs to request.
 * Dates are relative ({@link DueKind} but {@code ABSOLUTE}); a task follows another of its group by the template-local
 * {@code ref}. Checked by {@link #problem()} on the way in (a save, a built-in template) and out (a read).
 *
 * @param welcomeMessage the room's welcome text, or null
 * @param groups         the groups, default ones by key, added ones by name and kind
 */
public record TemplateContent(String welcomeMessage, List<Group> groups) {

    /** The most groups a template holds. */
    public static final int MAX_GROUPS = 50;
    /** The most tasks, and the most sign-offs to request, per group. */
    public static final int MAX_ITEMS = 200;
    /**
     * The most tasks and sign-offs to request in all: a room opened from a template plants each one, with its event, in
     * the opening's one transaction, so this bounds what one request costs.
     */
    public static final int MAX_TOTAL_ITEMS = 500;
    /** The most days of a rule, as for a task's. */
    public static final int MAX_DAYS = 3650;

    /**
     * A group of the template.
     *
     * @param key      a default group's key ({@code proof}), or null for an added group
     * @param name     an added group's name (null for a default group)
     * @param kind     an added group's kind: {@code WORKSTREAM} or {@code CUSTOM} (null for a default group)
     * @param tasks    its plan, in order
     * @param signoffs the sign-offs to request in it: each opens as a plan item the page offers to ask for
     */
    public record Group(String key, String name, GroupKind kind, List<Item> tasks, List<Item> signoffs) {
    }

    /**
     * A task, or a sign-off to request, with its due rule made relative.
     *
     * @param ref       its name within the group, for {@code after}
     * @param milestone a milestone (tasks only)
     * @param dueKind   null (no date), {@code AFTER_ROOM_OPENED}, {@code BEFORE_DECISION} or {@code AFTER_TASK}
     * @param dueDays   the rule's N days (0 to 3650), with a kind
     * @param after     with {@code AFTER_TASK}: the {@code ref} of the task or sign-off of the group it follows
     */
    public record Item(String ref, String title, String description, boolean milestone, DueKind dueKind,
            Integer dueDays, String after) {
    }

    /** Why this content is not a template, or null when it is one. */
    public String problem() {
        if (groups == null || groups.size() > MAX_GROUPS) {
            return "groups";
        }
        if (welcomeMessage != null && (welcomeMessage.length() > 4000
                || Texts.problem(welcomeMessage, Texts.Lines.MULTI).isPresent())) {
            return "welcomeMessage";
        }
        Set<String> keys = new HashSet<>();
        int total = 0;
        for (Group group : groups) {
            if (group == null) {
                return "groups";
            }
            total += (group.tasks() == null ? 0 : group.tasks().size())
                    + (group.signoffs() == null ? 0 : group.signoffs().size());
            if (total > MAX_TOTAL_ITEMS) {
                return "groups.items";
            }
            if (group.key() != null) {
                if (group.name() != null || group.kind() != null || !keys.add(group.key())
                        || java.util.Arrays.stream(DefaultGroup.values()).noneMatch(d -> d.key().equals(group.key()))) {
                    return "groups.key";
                }
            } else if (!line(group.name(), 200) || group.kind() == null || !group.kind().editableMembership()) {
                return "groups.name";
            }
            String itemProblem = itemsProblem(group);
            if (itemProblem != null) {
                return itemProblem;
            }
        }
        return null;
    }

    private static String itemsProblem(Group group) {
        if (group.tasks() == null || group.signoffs() == null || group.tasks().size() > MAX_ITEMS
                || group.signoffs().size() > MAX_ITEMS) {
            return "groups.items";
        }
        Map<String, String> follows = new HashMap<>();
        List<Item> all = new ArrayList<>(group.tasks());
        all.addAll(group.signoffs());
        for (Item item : all) {
            if (item == null || !line(item.ref(), 64) || follows.containsKey(item.ref())) {
                return "groups.items.ref";
            }
            if (!line(item.title(), 200)) {
                return "groups.items.title";
            }
            if (item.description() != null && (item.description().length() > 5000
                    || Texts.problem(item.description(), Texts.Lines.MULTI).isPresent())) {
                return "groups.items.description";
            }
            if (!relativeRule(item)) {
                return "groups.items.due";
            }
            follows.put(item.ref(), item.after());
        }
        for (Item item : all) {
            // every chain ends: each step names an item of the group, and no item comes back
            Set<String> seen = new HashSet<>();
            for (String step = item.ref(); step != null; step = follows.get(step)) {
                if (!follows.containsKey(step) || !seen.add(step)) {
                    return "groups.items.after";
                }
            }
        }
        return null;
    }

    /** No rule at all, or a whole relative one: a kind but {@code ABSOLUTE}, its days, a task to follow when asked. */
    private static boolean relativeRule(Item item) {
        if (item.dueKind() == null) {
            return item.dueDays() == null && item.after() == null;
        }
        return item.dueKind() != DueKind.ABSOLUTE && item.dueDays() != null && item.dueDays() >= 0
                && item.dueDays() <= MAX_DAYS && (item.dueKind() == DueKind.AFTER_TASK) == (item.after() != null);
    }

    private static boolean line(String text, int max) {
        return text != null && text.length() <= max && Texts.rendersSomething(text)
                && Texts.problem(text, Texts.Lines.SINGLE).isEmpty() && Objects.equals(text, text.strip());
    }
}

package dev.dealroom.group;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;

/** The groups every room starts with, under stable keys that group paths accept in place of ids. */
public enum DefaultGroup {
    EVERYONE("everyone", "Everyone", GroupKind.EVERYONE),
    STEERING("steering", "Steering", GroupKind.STEERING),
    PROOF("proof", "Proof of concept", GroupKind.WORKSTREAM),
    IMPLEMENTATION("implementation", "Implementation plan", GroupKind.WORKSTREAM),
    SUCCESS_METRICS("success-metrics", "Success metrics", GroupKind.WORKSTREAM),
    BUSINESS_CASE("business-case", "Business case", GroupKind.WORKSTREAM),
    CONTRACTS("contracts", "Contracts", GroupKind.WORKSTREAM);

    private final String key;
    private final String displayName;
    private final GroupKind kind;

    DefaultGroup(String key, String displayName, GroupKind kind) {
        this.key = key;
        this.displayName = displayName;
        this.kind = kind;
    }

    public static DefaultGroup ofKey(String key) {
        for (DefaultGroup group : values()) {
            if (group.key.equals(key)) {
                return group;
            }
        }
        throw new IllegalArgumentException("No default group " + key);
    }

    /** Where a group is listed: default groups in this enum's order, groups people add after them. */
    public static int rank(String key) {
        return key == null ? Integer.MAX_VALUE : ofKey(key).ordinal();
    }

    public String key() {
        return key;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * A group's name for people who read {@code language}: a default group that still has its name is called by its
     * catalogue name ({@code group.<key>}, "Preuve de concept"); any other keeps the name people gave it.
     */
    public static String displayName(String key, String name, Language language) {
        if (key == null) {
            return name;
        }
        for (DefaultGroup group : values()) {
            if (group.key.equals(key) && group.displayName.equals(name)) {
                return Messages.render(language, Text.of("group." + key));
            }
        }
        return name;
    }

    public GroupKind kind() {
        return kind;
    }
}

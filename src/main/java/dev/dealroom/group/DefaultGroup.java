package dev.dealroom.group;

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

    public GroupKind kind() {
        return kind;
    }
}

package dev.dealroom.group;

/** What a group is for; the kind decides whether its membership can be edited. */
public enum GroupKind {
    /** Every member of the room, always. Its membership follows the room's. */
    EVERYONE,
    /** The owner and the decision-makers, always and only. Its membership follows their roles. */
    STEERING,
    /** One strand of the evaluation's work (proof, business case, ...). */
    WORKSTREAM,
    /** Any other group people add. */
    CUSTOM;

    /** Whether people can put members in and take them out; the others follow the room's roles. */
    public boolean editableMembership() {
        return this == WORKSTREAM || this == CUSTOM;
    }
}

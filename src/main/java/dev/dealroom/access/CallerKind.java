package dev.dealroom.access;

import java.util.Locale;

/**
 * What a member is to an action, as the access policy's table ({@link Action}) names it: their standing in the room,
 * exactly one of the first four, and, for an action on one item, what they are to that item.
 */
public enum CallerKind {
    /** The seller who opened the room. */
    OWNER,
    /** A buyer-side decision-maker: with the owner, the steering group. */
    DECISION_MAKER,
    /** Any other member of the seller's side. */
    SELLER,
    /** Any other member of the buyer's side. */
    BUYER,
    /** The member who wrote the item (a post) or asked for it (a sign-off). */
    AUTHOR,
    /** The member a task is assigned to. */
    ASSIGNEE,
    /** A member asked to approve a sign-off. */
    APPROVER;

    /** The member's standing in the room. */
    public static CallerKind standing(RoomMember member) {
        if (member.owner()) {
            return OWNER;
        }
        if (member.decisionMaker()) {
            return DECISION_MAKER;
        }
        return member.seller() ? SELLER : BUYER;
    }

    /** Whether this kind is what a member is to an item, rather than their standing in the room. */
    public boolean toAnItem() {
        return compareTo(AUTHOR) >= 0;
    }

    /** The name the web page and the API document use: {@code decision-maker}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

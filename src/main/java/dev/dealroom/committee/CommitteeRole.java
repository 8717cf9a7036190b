package dev.dealroom.committee;

import java.util.Locale;

/**
 * A part a buyer-side member plays in the buying decision. The first five are the roles a deal needs someone in:
 * the coverage view reports each one nobody holds. A user and a sceptic are worth knowing, not missing.
 */
public enum CommitteeRole {
    /** Owns the budget and signs. */
    ECONOMIC_BUYER(true),
    /** Sells the deal inside the buyer's organisation. */
    CHAMPION(true),
    /** Judges the product's fit: the proof, the architecture, security. */
    TECHNICAL_EVALUATOR(true),
    /** Reviews the contract. */
    LEGAL(true),
    /** Runs the purchase: vendor registration, terms, price. */
    PROCUREMENT(true),
    /** Will use the product every day. */
    USER(false),
    /** Doubts the change, or this vendor. */
    SCEPTIC(false);

    private final boolean needed;

    CommitteeRole(boolean needed) {
        this.needed = needed;
    }

    /** Whether a deal needs someone in this role: nobody in it is a gap. */
    public boolean needed() {
        return needed;
    }

    /** The role's words in a sentence, as a message key: {@code committee.role.economic-buyer}. */
    public String messageKey() {
        return "committee.role." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

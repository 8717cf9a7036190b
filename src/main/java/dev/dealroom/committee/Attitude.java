package dev.dealroom.committee;

/** Where a member of the buying committee stands on the deal, as the owner reads them. */
public enum Attitude {
    SUPPORTER, NEUTRAL, OPPONENT
}

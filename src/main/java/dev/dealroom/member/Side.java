package dev.dealroom.member;

/** Which side of the deal a member is on. */
public enum Side {
    SELLER, BUYER
}

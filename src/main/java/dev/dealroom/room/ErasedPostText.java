package dev.dealroom.room;

/** What becomes of the text an erased member wrote in the room (their posts and sign-off comments). */
public enum ErasedPostText {
    /** The text goes with them: their posts stay in their threads, without text, as a former member's. */
    REMOVE,
    /** The text stays, as a former member's: for rooms whose discussion is their record. */
    KEEP
}

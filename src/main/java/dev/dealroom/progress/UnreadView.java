package dev.dealroom.progress;

/**
 * @param lastReadSeq the newest seq read in the group (0 before any read)
 * @param unread      the group's events after it, made by others
 */
public record UnreadView(String groupId, long lastReadSeq, long unread) {
}

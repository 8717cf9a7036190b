package dev.dealroom.export;

/**
 * The payload of {@code export.downloaded}.
 *
 * @param exportId    one download: a personal export records one event in each of its rooms, all with this id
 * @param requesterId the member who downloaded it (with the managers, the event's audience)
 * @param name        their name at that moment
 * @param kind        the room, or their own data
 */
public record ExportDownloaded(String exportId, String requesterId, String name, ExportKind kind) {
}

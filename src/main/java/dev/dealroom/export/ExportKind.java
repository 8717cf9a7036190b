package dev.dealroom.export;

/** What an export holds: the whole room as its downloader sees it, or the downloader's own data from every room. */
public enum ExportKind {
    ROOM, PERSONAL
}

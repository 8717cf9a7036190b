package dev.dealroom.document;

/** What a download needs once access is granted and the view recorded. */
public record Download(String name, int version, long size, String sha256, String contentType, long contentOid) {
}

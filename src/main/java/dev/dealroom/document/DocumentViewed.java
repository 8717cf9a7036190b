package dev.dealroom.document;

/** Payload of {@code document.viewed}: who opened which version of which document. */
public record DocumentViewed(String documentId, String name, int version, String memberId) {
}

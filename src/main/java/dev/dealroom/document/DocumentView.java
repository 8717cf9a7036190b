package dev.dealroom.document;

import java.time.Instant;
import java.util.List;

/**
 * A document as the group's members see it.
 *
 * @param versions newest first
 * @param views    who viewed or downloaded it: the buyer-engagement signal
 * @param clientId the id the uploader's client shared this version with, in the upload's answer (and a retry's)
 *                 and in {@code document.uploaded}; null elsewhere
 */
public record DocumentView(String id, String groupId, String name, List<VersionView> versions,
        List<ViewSummary> views, Instant createdAt, String clientId) {

    /** The same document, as the answer to the upload made with {@code clientId}. */
    public DocumentView withClientId(String clientId) {
        return new DocumentView(id, groupId, name, versions, views, createdAt, clientId);
    }

    public record VersionView(int version, long size, String sha256, String contentType, String uploadedBy,
            Instant uploadedAt) {
    }

    public record ViewSummary(String memberId, long count, Instant lastViewedAt, int lastVersion) {
    }
}

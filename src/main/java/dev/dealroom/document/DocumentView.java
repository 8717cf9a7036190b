package dev.dealroom.document;

import java.time.Instant;
import java.util.List;

/**
 * A document as the group's members see it.
 *
 * @param versions newest first
 * @param views    who viewed or downloaded it: the buyer-engagement signal
 */
public record DocumentView(String id, String groupId, String name, List<VersionView> versions,
        List<ViewSummary> views, Instant createdAt) {

    public record VersionView(int version, long size, String sha256, String contentType, String uploadedBy,
            Instant uploadedAt) {
    }

    public record ViewSummary(String memberId, long count, Instant lastViewedAt, int lastVersion) {
    }
}

package dev.dealroom.group;

import java.time.Instant;
import java.util.List;

/**
 * A group as its members see it.
 *
 * @param key the stable key of a default group ({@code proof}, ...), null for groups people add
 */
public record GroupView(String id, String key, String name, GroupKind kind, List<String> memberIds,
        Instant createdAt) {
}

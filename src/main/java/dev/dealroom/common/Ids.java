package dev.dealroom.common;

import java.util.Optional;
import java.util.UUID;

/** Ids are opaque strings to clients and UUIDs inside; a string that is no UUID names nothing. */
public final class Ids {

    private Ids() {
    }

    public static UUID newId() {
        return UUID.randomUUID();
    }

    public static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

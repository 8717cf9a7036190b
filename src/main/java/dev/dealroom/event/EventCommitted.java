package dev.dealroom.event;

import java.util.UUID;

/** Fired by {@link EventLog} for each append; observed after the transaction commits to wake live delivery. */
public record EventCommitted(UUID roomId, long seq) {
}

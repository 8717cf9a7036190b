package dev.dealroom.event;

import java.util.UUID;

/**
 * Fired by {@link EventLog} for each append. Live delivery observes it after the transaction commits; the notifier
 * observes it inside the transaction, to queue the emails the event calls for in the outbox. A change that commits its
 * event in a statement of its own ({@code PostStatement}, posts that mention nobody) fires it after its commit.
 *
 * @param data the payload as stored, JSON
 */
public record EventCommitted(UUID roomId, long seq, EventType type, UUID groupId, Actor actor, String data) {
}

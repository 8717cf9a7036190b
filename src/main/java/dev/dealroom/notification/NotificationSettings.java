package dev.dealroom.notification;

import jakarta.validation.constraints.NotNull;

/**
 * Which emails a member gets in one room; all on until they change them.
 *
 * @param mentions        when a post mentions them
 * @param nudges          when a manager nudges them
 * @param signoffRequests when a sign-off asks for their approval
 * @param digest          a daily summary of what they have not seen, at most one a day
 * @param engagementAlerts for the room's owner, when a key buyer goes quiet or is back; optional in a change (left
 *                        as it was when absent)
 */
public record NotificationSettings(@NotNull Boolean mentions, @NotNull Boolean nudges, @NotNull Boolean signoffRequests,
        @NotNull Boolean digest, Boolean engagementAlerts) {

    static final NotificationSettings ALL_ON = new NotificationSettings(true, true, true, true, true);
}

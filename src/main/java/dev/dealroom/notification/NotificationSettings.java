package dev.dealroom.notification;

import jakarta.validation.constraints.NotNull;

/**
 * Which emails a member gets in one room; all on until they change them.
 *
 * @param mentions        when a post mentions them
 * @param nudges          when a manager nudges them
 * @param signoffRequests when a sign-off asks for their approval
 * @param digest          a daily summary of what they have not seen, at most one a day
 */
public record NotificationSettings(@NotNull Boolean mentions, @NotNull Boolean nudges, @NotNull Boolean signoffRequests,
        @NotNull Boolean digest) {

    static final NotificationSettings ALL_ON = new NotificationSettings(true, true, true, true);
}

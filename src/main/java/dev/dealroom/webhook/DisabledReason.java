package dev.dealroom.webhook;

import java.util.Locale;

/** Why the server stopped a subscription: it sees what its creator sees, and its creator no longer may. */
public enum DisabledReason {
    /** Its creator left the room (or, on the buyer's side, no longer reads the closed room). */
    CREATOR_LEFT,
    /** Its creator is still in the room but may no longer manage webhooks. */
    CREATOR_NOT_MANAGER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

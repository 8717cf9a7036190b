package dev.dealroom.event;

/** The codes with which the server closes a room's WebSocket, and what the client should do. */
public enum CloseCode {

    /** The client fell behind (or the server asks it to move): reconnect with {@code since} = the last seq applied. */
    RESUME(4001, "resume"),

    /**
     * The login the socket was opened with has expired: get a fresh ticket (the page's session refreshes itself
     * then) or token, and reconnect with {@code since} = the last seq applied. A 401 there means: sign in again.
     */
    SESSION_EXPIRED(4401, "session-expired"),

    /** The member was removed from the room: do not reconnect. */
    REMOVED(4403, "removed"),

    /**
     * The login already has as many sockets open to this room as it may ({@code dealroom.limits.sockets-per-room}):
     * close another (a tab) or reconnect later, with back-off. Upgrades past the limit are normally refused with 429
     * and {@code Retry-After}; this closes the ones that passed that check at the same moment as others.
     */
    TOO_MANY_SOCKETS(4429, "too-many-sockets");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}

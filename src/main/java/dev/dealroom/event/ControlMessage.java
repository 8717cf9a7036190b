package dev.dealroom.event;

/**
 * The WebSocket messages that are not events of the log. Their {@code type} has no dot, so it never collides
 * with an {@link EventType}. Declared here so the frontend's generated catalogue carries them too.
 */
public enum ControlMessage {

    /** {@code {"type":"ready","seq":N}}: the replay is done; live events follow. */
    READY("ready"),

    /**
     * {@code {"type":"resync","seq":N}}: the log no longer holds what followed the client's {@code since} (or
     * never did): reload the room's state; events after {@code seq} follow.
     */
    RESYNC("resync"),

    /** {@code {"type":"presence","online":[memberId,...]}}: who is connected to the room now, on any node. */
    PRESENCE("presence");

    private final String wireName;

    ControlMessage(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

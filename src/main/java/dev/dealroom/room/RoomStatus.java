package dev.dealroom.room;

/** Whether the evaluation is going on, paused or decided. */
public enum RoomStatus {
    OPEN, ON_HOLD, WON, LOST;

    /** The evaluation ended with the buyer's decision: only the owner declares it, or reopens it. */
    public boolean decided() {
        return this == WON || this == LOST;
    }
}

package dev.dealroom.room;

/** Whether the evaluation is going on, paused or decided. */
public enum RoomStatus {
    OPEN, ON_HOLD, WON, LOST
}

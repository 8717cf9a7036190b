package dev.dealroom.room;

import java.time.LocalDate;

/** Changes where the evaluation stands; fields left out stay as they are, at least one is required. */
public record UpdateRoomRequest(RoomStage stage, RoomStatus status, LocalDate targetDecisionDate) {

    boolean isEmpty() {
        return stage == null && status == null && targetDecisionDate == null;
    }
}

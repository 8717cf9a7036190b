package dev.dealroom.room;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A room's own fields, as listed and as carried by room events. */
public record RoomSummary(String id, String name, String prospectAccount, BigDecimal amount, String currency,
        LocalDate targetDecisionDate, RoomStage stage, RoomStatus status, Instant createdAt, Instant updatedAt) {

    static RoomSummary of(Room room) {
        return new RoomSummary(room.id.toString(), room.name, room.prospectAccount, room.amount, room.currency,
                room.targetDecisionDate, room.stage, room.status, room.createdAt, room.updatedAt);
    }
}

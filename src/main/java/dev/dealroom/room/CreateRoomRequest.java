package dev.dealroom.room;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.Visible;

/**
 * Opens a room for an opportunity.
 *
 * @param amount   the deal's value; with {@code currency} (ISO 4217, e.g. EUR) or not at all
 * @param stage    defaults to {@code EVALUATION}
 * @param status   defaults to {@code OPEN}
 * @param clientId the client's id for this room: a retry with it returns the original
 */
public record CreateRoomRequest(
        @NotNull @Visible @SingleLine @Size(max = 200) String name,
        @NotNull @Visible @SingleLine @Size(max = 200) String prospectAccount,
        @DecimalMin("0") @Digits(integer = 13, fraction = 2) BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull LocalDate targetDecisionDate,
        RoomStage stage,
        RoomStatus status,
        @SingleLine String clientId) {
}

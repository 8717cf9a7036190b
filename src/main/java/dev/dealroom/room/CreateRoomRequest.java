package dev.dealroom.room;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.MultiLine;
import dev.dealroom.common.SingleLine;
import dev.dealroom.common.Visible;

/**
 * Opens a room for an opportunity.
 *
 * @param amount   the deal's value; with {@code currency} (ISO 4217, e.g. EUR) or not at all
 * @param stage    defaults to {@code EVALUATION}
 * @param status   defaults to {@code OPEN}
 * @param clientId the client's id for this room: a retry with it returns the original
 * @param templateId     a template to open the room from ({@code GET /api/templates}): its groups, plan and welcome
 *                       text, with the due rules counted from this room's dates; null for the default groups alone
 * @param welcomeMessage the owner's words to the buyer; when null, the template's
 */
public record CreateRoomRequest(
        @NotNull @Visible @SingleLine @Size(max = 200) String name,
        @NotNull @Visible @SingleLine @Size(max = 200) String prospectAccount,
        @DecimalMin("0") @Digits(integer = 13, fraction = 2) BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull LocalDate targetDecisionDate,
        RoomStage stage,
        RoomStatus status,
        @SingleLine String clientId,
        @SingleLine @Size(max = 100) String templateId,
        @MultiLine @Size(max = 4000) String welcomeMessage) {

    /** A room opened without a template. */
    public CreateRoomRequest(String name, String prospectAccount, BigDecimal amount, String currency,
            LocalDate targetDecisionDate, RoomStage stage, RoomStatus status, String clientId) {
        this(name, prospectAccount, amount, currency, targetDecisionDate, stage, status, clientId, null, null);
    }
}

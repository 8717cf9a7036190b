package dev.dealroom.room;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.MultiLine;
import dev.dealroom.common.SingleLine;

/**
 * Changes where the evaluation stands and how the room greets the buyer; fields left out stay as they are, at
 * least one is required. Owner and decision-makers; declaring the deal won or lost (or reopening it) and naming
 * the seller's company are the owner's.
 *
 * @param amount         the deal's value; the room must then have a currency (this one or the one it has)
 * @param currency       ISO 4217, e.g. EUR
 * @param sellerName     the seller's company; an empty text removes it
 * @param welcomeMessage the owner's words shown first on the room's home (up to 4,000 characters, several lines);
 *                       an empty text removes it
 * @param accentColor    {@code #rrggbb}, dark enough that white text on it reads at 4.5:1 (WCAG AA; refused as
 *                       {@code low-contrast} otherwise); an empty text goes back to the page's own accent
 * @param closeReason    why the deal is won or lost (up to 1,000 characters): required with a {@code status} that
 *                       closes the room, refused otherwise; the seller's side sees it
 * @param erasedPostText what becomes of the text of a member erased from now on: {@code REMOVE} (the default) or
 *                       {@code KEEP}
 */
public record UpdateRoomRequest(RoomStage stage, RoomStatus status, LocalDate targetDecisionDate,
        @DecimalMin("0") @Digits(integer = 13, fraction = 2) BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}") String currency,
        @SingleLine @Size(max = 200) String sellerName,
        @MultiLine @Size(max = 4000) String welcomeMessage,
        @Pattern(regexp = "(#[0-9a-fA-F]{6})?") String accentColor,
        @MultiLine @Size(max = 1000) String closeReason, ErasedPostText erasedPostText) {

    public UpdateRoomRequest(RoomStage stage, RoomStatus status, LocalDate targetDecisionDate) {
        this(stage, status, targetDecisionDate, null, null, null, null, null, null, null);
    }

    boolean isEmpty() {
        return stage == null && status == null && targetDecisionDate == null && amount == null && currency == null
                && sellerName == null && welcomeMessage == null && accentColor == null && closeReason == null
                && erasedPostText == null;
    }

    /** Whether the request asks for nothing but a status (and the reason a closing status needs). */
    boolean statusAlone() {
        return status != null && new UpdateRoomRequest(stage, null, targetDecisionDate, amount, currency, sellerName,
                welcomeMessage, accentColor, null, erasedPostText).isEmpty();
    }
}

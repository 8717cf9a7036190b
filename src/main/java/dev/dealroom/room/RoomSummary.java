package dev.dealroom.room;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A room's own fields, as listed and as carried by room events.
 *
 * @param sellerName     the seller's company, shown beside the prospect account; null until set
 * @param welcomeMessage the owner's words to the buyer (multi-line); null when there are none
 * @param accentColor    {@code #rrggbb}, on which white text is readable; null for the page's own accent
 * @param buyerLogo      the address of the prospect's logo (members only; it changes with the logo), or null
 * @param sellerLogo     the address of the seller's logo, or null
 * @param closedAt       when the deal was declared won or lost (the room is then read-only), or null
 * @param erasedPostText what becomes of the text of a member erased from the room: {@code REMOVE} or {@code KEEP}
 */
public record RoomSummary(String id, String name, String prospectAccount, BigDecimal amount, String currency,
        LocalDate targetDecisionDate, RoomStage stage, RoomStatus status, Instant createdAt, Instant updatedAt,
        String sellerName, String welcomeMessage, String accentColor, String buyerLogo, String sellerLogo,
        Instant closedAt, ErasedPostText erasedPostText) {

    static RoomSummary of(Room room) {
        return new RoomSummary(room.id.toString(), room.name, room.prospectAccount, room.amount, room.currency,
                room.targetDecisionDate, room.stage, room.status, room.createdAt, room.updatedAt, room.sellerName,
                room.welcomeMessage, room.accentColor, logo(room, LogoSide.BUYER, room.buyerLogoAt),
                logo(room, LogoSide.SELLER, room.sellerLogoAt), room.closedAt, room.erasedPostText);
    }

    private static String logo(Room room, LogoSide side, Instant at) {
        return at == null ? null : "/api/rooms/" + room.id + "/logos/" + side.path() + "?v=" + at.toEpochMilli();
    }
}

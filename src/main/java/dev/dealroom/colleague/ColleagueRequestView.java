package dev.dealroom.colleague;

import java.time.Instant;
import java.util.List;

/**
 * A colleague request as the room's managers and its requester see it.
 *
 * @param requesterId the buyer who asked
 * @param groupIds    the groups asked for (after approval: the groups given), narrowed to the reader's own groups
 * @param reason      why it was declined, if the decider said
 * @param decidedById the owner or decision-maker who decided, once decided
 * @param memberId    the member an approval added
 */
public record ColleagueRequestView(String id, String requesterId, String email, String name, List<String> groupIds,
        ColleagueRequestStatus status, String reason, String decidedById, String memberId, Instant createdAt,
        Instant decidedAt) {
}

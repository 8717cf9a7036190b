package dev.dealroom.invitation;

/** Where a claimed invitation leads: the room, as the member it was for. */
public record ClaimView(String roomId, String memberId) {
}

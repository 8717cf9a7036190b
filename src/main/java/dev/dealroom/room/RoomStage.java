package dev.dealroom.room;

/**
 * Where the opportunity stands in the seller's sales process, in its order. The web page's list
 * ({@code ROOM_STAGES} in {@code frontend/src/events.generated.js}) is generated from this declaration.
 */
public enum RoomStage {
    QUALIFICATION, DISCOVERY, EVALUATION, PROPOSAL, NEGOTIATION, CLOSING;

    /** The stage of a room opened without one. */
    public static final RoomStage DEFAULT = EVALUATION;
}

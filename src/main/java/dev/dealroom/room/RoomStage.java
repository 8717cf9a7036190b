package dev.dealroom.room;

/** Where the opportunity stands in the seller's sales process. */
public enum RoomStage {
    QUALIFICATION, DISCOVERY, EVALUATION, PROPOSAL, NEGOTIATION, CLOSING
}

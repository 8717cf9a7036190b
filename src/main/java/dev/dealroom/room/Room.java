package dev.dealroom.room;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One deal room: one opportunity under evaluation. */
@Entity
@Table(name = "room")
public class Room {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "prospect_account", nullable = false, length = 200)
    public String prospectAccount;

    @Column(precision = 15, scale = 2)
    public BigDecimal amount;

    @Column(length = 3)
    public String currency;

    @Column(name = "target_decision_date", nullable = false)
    public LocalDate targetDecisionDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public RoomStage stage;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public RoomStatus status;

    /** The seller's company, shown beside the prospect's in the room's header; null until set. */
    @Column(name = "seller_name", length = 200)
    public String sellerName;

    /** The owner's words to the buyer, shown first on the room's home; null when there are none. */
    @Column(name = "welcome_message", length = 4000)
    public String welcomeMessage;

    /** {@code #rrggbb}, contrast-safe under white text; null for the page's own accent. */
    @Column(name = "accent_color", length = 7)
    public String accentColor;

    @Column(name = "buyer_logo_at")
    public Instant buyerLogoAt;

    @Column(name = "seller_logo_at")
    public Instant sellerLogoAt;

    /** Owned by the event log, which bumps it in SQL; read-only here so a stale copy is never written back. */
    @Column(name = "last_seq", nullable = false, insertable = false, updatable = false)
    public long lastSeq;

    /** When the deal was declared won or lost; null while the room is not decided. */
    @Column(name = "closed_at")
    public Instant closedAt;

    /** Why it was won or lost, in the seller's words (the seller's side sees it); null while not decided. */
    @Column(name = "close_reason", length = 1000)
    public String closeReason;

    /** What becomes of the text of a member erased from the room (issue 18). */
    @Enumerated(EnumType.STRING)
    @Column(name = "erased_post_text", nullable = false, length = 8)
    public ErasedPostText erasedPostText = ErasedPostText.REMOVE;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.dealroom.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A room's subscription of an endpoint to its events. */
@Entity
@Table(name = "webhook")
public class Webhook {

    /** In {@link #eventTypes}: every type. */
    static final String EVERY_TYPE = "*";

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    /** The member whose view of the room it receives; null once they have left it. */
    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "created_by_name")
    public String createdByName;

    @Column(nullable = false)
    public String url;

    /** Wire names of event types, or the single {@link #EVERY_TYPE}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false)
    public String[] eventTypes;

    public String description;

    /** {@code whsec_} and the key in base64: never answered but once, when created. */
    @Column(nullable = false)
    public String secret;

    @Column(nullable = false)
    public boolean enabled;

    /** Why the server disabled it ({@link DisabledReason}); null when a manager did, or while it is enabled. */
    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    boolean wants(String eventType) {
        return Arrays.stream(eventTypes).anyMatch(type -> type.equals(EVERY_TYPE) || type.equals(eventType));
    }
}

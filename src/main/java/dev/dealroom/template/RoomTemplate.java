package dev.dealroom.template;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A template a seller saved: its author's, and readable by everyone when shared. */
@Entity
@Table(name = "room_template")
public class RoomTemplate {

    @Id
    public UUID id;

    /** The author's verified email, as members are matched to logins. */
    @Column(name = "author_email", nullable = false, length = 254)
    public String authorEmail;

    @Column(name = "author_name", nullable = false, length = 200)
    public String authorName;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 2000)
    public String description;

    @Column(nullable = false)
    public boolean shared;

    /** {@link TemplateContent} as JSON; read only when asked for (a list of templates leaves it). */
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String content;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.dealroom.document;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.dealroom.common.GroupContent;

/** A file shared in a group, under a name unique in the group; its content lives in its versions. */
@Entity
@Table(name = "document")
public class Document extends GroupContent {

    @Column(nullable = false, length = 255)
    public String name;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}

package dev.dealroom.document;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One upload of a document: its bytes (a PostgreSQL large object), size, SHA-256 and media type. */
@Entity
@Table(name = "document_version")
@IdClass(DocumentVersion.Key.class)
public class DocumentVersion {

    @Id
    @Column(name = "document_id")
    public UUID documentId;

    @Id
    @Column(name = "version")
    public int version;

    @Column(name = "content_oid", nullable = false, columnDefinition = "oid")
    public long contentOid;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(name = "content_type", nullable = false, length = 127)
    public String contentType;

    @Column(name = "uploaded_by", nullable = false)
    public UUID uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    public record Key(UUID documentId, int version) implements Serializable {
    }
}

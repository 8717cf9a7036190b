package dev.dealroom.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.GroupAccess;
import dev.dealroom.common.SqlValues;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.Hashes;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.Texts;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.common.i18n.Text;

/**
 * Files shared in a group: uploads (a new version when the name exists), downloads, and who viewed what. Every
 * group member may upload and download; every download is recorded.
 */
@ApplicationScoped
public class DocumentService {

    private static final int NAME_LIMIT = 255;

    private final DocumentRepository documents;
    private final DocumentTypes types;
    private final LargeObjects content;
    private final AccessPolicy access;
    private final EventLog events;
    private final Idempotency idempotency;
    private final DealRoomConfig.Documents config;
    private final Clock clock;

    public DocumentService(DocumentRepository documents, DocumentTypes types, LargeObjects content,
            AccessPolicy access, EventLog events, Idempotency idempotency, DealRoomConfig config, Clock clock) {
        this.documents = documents;
        this.types = types;
        this.content = content;
        this.access = access;
        this.events = events;
        this.idempotency = idempotency;
        this.config = config.documents();
        this.clock = clock;
    }

    @Transactional
    public List<DocumentView> list(Caller caller, String roomId, String groupRef) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        return views(documents.listInGroup(group.roomId(), group.groupId()));
    }

    @Transactional
    public DocumentView get(Caller caller, String roomId, String groupRef, String documentId) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        return views(List.of(documents.requireIn(group, documentId))).get(0);
    }

    /**
     * Shares a file in the group; under a name the group already has, it becomes that document's next version.
     *
     * @param name the document's name; defaults to the file's
     */
    @Transactional
    public DocumentView upload(Caller caller, String roomId, String groupRef, Path file, String fileName,
            String contentType, String name, String clientId, String idempotencyKey) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        if (file == null) {
            throw ApiException.invalidField("file", "required", Text.of("field.file-missing"));
        }
        long size = size(file);
        if (size > config.maxBytes()) {
            throw new ApiException(ProblemCode.PAYLOAD_TOO_LARGE,
                    Text.of("detail.document-limit", "limit", config.maxBytes()));
        }
        if (size == 0) {
            throw ApiException.invalidField("file", "invalid-size", Text.of("field.file-empty"));
        }
        String documentName = name != null && !name.isBlank() ? documentName("name", name)
                : documentName("file", fileName);
        // Stored and served as what the bytes are; the names and the declared type may only agree with them.
        String type = types.detect(file, List.of(documentName, fileName == null ? "" : fileName), contentType);
        UploadRequest request = new UploadRequest(documentName, type, size, sha256(file));
        Optional<String> key = Idempotency.key(clientId, idempotencyKey);
        return idempotency.once(caller, "document.upload", group.groupId().toString(), key, request,
                DocumentView.class, () -> {
                    access.require(group.me(), Action.DOCUMENT_UPLOAD); // a retry answers the original
                    return store(group, file, request, key.orElse(null));
                });
    }

    private DocumentView store(GroupAccess group, Path file, UploadRequest request, String clientId) {
        Instant now = clock.instant();
        Document document = documents.lockOrCreate(group.roomId(), group.groupId(), request.name(), group.me().id(),
                now);
        int latest = documents.versionsOf(List.of(document.id)).stream().mapToInt(v -> v.version).max().orElse(0);
        DocumentVersion version = new DocumentVersion();
        version.documentId = document.id;
        version.version = latest + 1;
        version.contentOid = content.store(file);
        version.size = request.size();
        version.sha256 = request.sha256();
        version.contentType = request.contentType();
        version.uploadedBy = group.me().id();
        version.uploadedAt = now;
        documents.getEntityManager().persist(version);
        documents.flush();
        DocumentView view = views(List.of(document)).get(0).withClientId(clientId);
        events.append(group.roomId(), EventType.DOCUMENT_UPLOADED, group.groupId(), Actor.of(group.me()), view);
        return view;
    }

    /**
     * The types a browser may show in the page rather than download: PDF and raster images, the kinds its viewers
     * render without running anything of the file's. Never HTML or SVG (markup, which can carry script).
     */
    public static final Set<String> PREVIEWABLE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif",
            "image/webp");

    /** Field code of a preview refused for the version's type, on the field {@code disposition}. */
    public static final String NOT_PREVIEWABLE = "not-previewable";

    /**
     * Opens a version (the latest when null) for download, or for a preview in the page when {@code inline} (PDF
     * and raster images only, else {@code validation-failed} on {@code disposition}: {@value #NOT_PREVIEWABLE},
     * and nothing recorded), and records the view, also in the room's log.
     */
    @Transactional
    public Download download(Caller caller, String roomId, String groupRef, String documentId, Integer version,
            boolean inline) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        Document document = documents.requireIn(group, documentId);
        DocumentVersion chosen = documents.versionsOf(List.of(document.id)).stream()
                .filter(v -> version == null || v.version == version)
                .findFirst()
                .orElseThrow(ApiException::notFound);
        if (inline && !PREVIEWABLE.contains(chosen.contentType)) {
            throw ApiException.invalidField("disposition", NOT_PREVIEWABLE,
                    Text.of("field.not-previewable"));
        }
        documents.recordView(document.id, chosen.version, group.me().id());
        events.append(group.roomId(), EventType.DOCUMENT_VIEWED, group.groupId(), Actor.of(group.me()),
                new DocumentViewed(document.id.toString(), document.name, chosen.version, group.me().id().toString()));
        return new Download(document.name, chosen.version, chosen.size, chosen.sha256, chosen.contentType,
                chosen.contentOid);
    }

    /**
     * Copies a version's bytes to {@code out}, for an export: read as the group's member, but not recorded as a view
     * (the export records itself, {@code export.downloaded}). 404 when the caller no longer sees it.
     */
    @Transactional
    public void copyForExport(Caller caller, String roomId, String groupRef, String documentId, int version,
            OutputStream out) throws IOException {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        Document document = documents.requireIn(group, documentId);
        DocumentVersion chosen = documents.versionsOf(List.of(document.id)).stream()
                .filter(v -> v.version == version).findFirst().orElseThrow(ApiException::notFound);
        content.copy(chosen.contentOid, out);
    }

    private List<DocumentView> views(List<Document> list) {
        List<UUID> ids = list.stream().map(d -> d.id).toList();
        Map<UUID, List<DocumentView.VersionView>> versions = new HashMap<>();
        for (DocumentVersion v : documents.versionsOf(ids)) {
            versions.computeIfAbsent(v.documentId, id -> new ArrayList<>()).add(new DocumentView.VersionView(
                    v.version, v.size, v.sha256, v.contentType, v.uploadedBy.toString(), v.uploadedAt));
        }
        Map<UUID, List<DocumentView.ViewSummary>> views = new HashMap<>();
        for (Object[] row : documents.viewSummaries(ids)) {
            views.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add(new DocumentView.ViewSummary(
                    row[1].toString(), ((Number) row[2]).longValue(), SqlValues.instant(row[3]),
                    ((Number) row[4]).intValue()));
        }
        return list.stream().map(d -> new DocumentView(d.id.toString(), d.groupId.toString(), d.name,
                versions.getOrDefault(d.id, List.of()), views.getOrDefault(d.id, List.of()), d.createdAt, null)).toList();
    }

    /** A name without any path, control characters or surrounding blanks. */
    /**
     * The name a document is listed and downloaded under: the last segment of what was sent (some browsers send
     * the whole path), one line of text with no direction overrides ({@code invoice\u202Efdp.exe} would show as
     * "invoiceexe.pdf"), showing something.
     */
    private static String documentName(String field, String raw) {
        String sent = raw == null ? "" : raw;
        Texts.problem(sent, Texts.Lines.SINGLE).ifPresent(problem -> {
            throw ApiException.invalidField(field, "invalid-format", problem);
        });
        String name = sent.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (!Texts.rendersSomething(name)) {
            throw ApiException.invalidField(field, "required", Text.of("field.document-name-required"));
        }
        if (name.length() > NAME_LIMIT) {
            throw ApiException.invalidField(field, "invalid-size", Text.of("field.document-name-size", "max", NAME_LIMIT));
        }
        return name;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        MessageDigest digest = Hashes.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Hashes.hex(digest.digest());
    }
}

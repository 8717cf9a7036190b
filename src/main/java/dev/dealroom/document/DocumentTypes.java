package dev.dealroom.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;

import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.i18n.Text;
import io.quarkus.runtime.Startup;

/**
 * Decides what an uploaded file is from its bytes (Apache Tika's core detector: magic numbers and a plain-text
 * heuristic), never from what the uploader says. The names and the declared type may only make that answer more
 * precise — a zip whose name ends in {@code .docx} is a Word document, text named {@code .csv} is CSV — and must
 * not contradict it: text named {@code report.pdf} or a PDF declared {@code image/png} is refused. Bytes that
 * prove nothing (no known signature, not text) are refused whatever they are called, so that random bytes named
 * {@code .pdf} do not become a PDF. Only a bounded prefix of the file is read.
 */
@ApplicationScoped
@Startup // a wrong dealroom.documents.allowed-types fails the start, not the first upload
public class DocumentTypes {

    /** Field codes of the refusals, on the field {@code file}. */
    public static final String TYPE_NOT_ALLOWED = "type-not-allowed";
    public static final String TYPE_MISMATCH = "type-mismatch";

    private static final MediaType CSV = MediaType.parse("text/csv");
    private static final MediaType EXCEL = MediaType.parse("application/vnd.ms-excel");

    private final MimeTypes detector;
    private final MediaTypeRegistry registry;
    private final Set<MediaType> allowed;

    @Inject
    public DocumentTypes(DealRoomConfig config) {
        this(config.documents().allowedTypes());
    }

    DocumentTypes(List<String> allowedTypes) {
        this.detector = mimeTypes();
        this.registry = detector.getMediaTypeRegistry();
        this.allowed = allowedTypes.stream().map(type -> {
            MediaType parsed = canonical(type);
            if (parsed == null) {
                throw new IllegalArgumentException("Not a media type in dealroom.documents.allowed-types: " + type);
            }
            return parsed;
        }).collect(Collectors.toSet());
    }

    /**
     * The file's type, as its content shows it.
     *
     * @param names        the names the file goes by (the document's name, the uploaded file's name); blank ones,
     *                     and ones whose extension is unknown, say nothing
     * @param declaredType the media type the client declared for the file part, or null
     * @throws ApiException {@code validation-failed} on {@code file}: {@value #TYPE_NOT_ALLOWED} when the content
     *                      is of a type documents may not have (or of no recognisable type), {@value #TYPE_MISMATCH}
     *                      when a name's extension or the declared type says something else than the content
     */
    public String detect(Path file, List<String> names, String declaredType) {
        MediaType content = contentType(file);
        List<Claim> claims = new ArrayList<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                claims.add(new Claim(name, detector.getMimeType(name).getType()));
            }
        }
        MediaType declared = declaredType == null ? null : canonical(declaredType);
        if (declared != null) {
            claims.add(new Claim(null, declared));
        }

        MediaType detected = content;
        if (!detected.equals(MediaType.OCTET_STREAM)) {
            for (Claim claim : claims) {
                if (registry.isSpecializationOf(claim.type(), detected)) {
                    detected = claim.type();
                }
            }
        }
        if (!allowed.contains(detected)) {
            throw ApiException.invalidField("file", TYPE_NOT_ALLOWED, detected.equals(MediaType.OCTET_STREAM)
                    ? Text.of("field.file-type-unknown")
                    : Text.of("field.file-type-not-allowed", "type", detected.toString()));
        }
        for (Claim claim : claims) {
            if (!agrees(claim.type(), detected)) {
                throw ApiException.invalidField("file", TYPE_MISMATCH,
                        Text.of(claim.name() == null ? "field.file-type-declared" : "field.file-type-named",
                                "type", detected.toString(), "name", String.valueOf(claim.name()),
                                "claimed", claim.type().toString()));
            }
        }
        return detected.toString();
    }

    /** Whether a claimed type is the detected one or a broader kind of it (text/plain for CSV, zip for DOCX). */
    private boolean agrees(MediaType claimed, MediaType detected) {
        if (claimed.equals(detected) || registry.isSpecializationOf(detected, claimed)) {
            return true;
        }
        // Browsers on Windows with Excel installed declare .csv files as Excel's type: a known mislabel, not a lie.
        return claimed.equals(EXCEL) && detected.equals(CSV);
    }

    private MediaType contentType(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return contentType(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the first bytes are. The detector looks at most at the longest signature it knows (64 KiB), so only that
     * much is read and held, whatever the upload's size.
     */
    MediaType contentType(InputStream in) throws IOException {
        byte[] prefix = in.readNBytes(detector.getMinLength());
        return detector.detect(new ByteArrayInputStream(prefix), new Metadata());
    }

    /** The type without parameters, under Tika's name for it (x-pdf is pdf); null when it is no media type. */
    private MediaType canonical(String type) {
        MediaType parsed = MediaType.parse(type.strip().toLowerCase(Locale.ROOT));
        return parsed == null ? null : registry.normalize(parsed.getBaseType());
    }

    /**
     * Tika's own type definitions plus ours ({@code document-mimetypes.xml}): HTML fragments that start with an
     * active element ({@code <script>}, {@code <iframe>}…) are HTML too, not plain text.
     */
    private static MimeTypes mimeTypes() {
        URL tika = MimeTypes.class.getResource("tika-mimetypes.xml");
        URL ours = DocumentTypes.class.getResource("document-mimetypes.xml");
        try {
            return MimeTypesFactory.create(tika, ours);
        } catch (IOException | MimeTypeException e) {
            throw new IllegalStateException("Cannot load the media type definitions", e);
        }
    }

    /** What a file name ({@code name}), or its declared type ({@code name} null), says the content is. */
    private record Claim(String name, MediaType type) {
    }
}

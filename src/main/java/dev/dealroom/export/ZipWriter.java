package dev.dealroom.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A ZIP written entry after entry straight to the answer: nothing of it is held but the entry being written. Entry
 * names are built here only, from segments made safe ({@link #segment}) and made unique, so that no name a member
 * gave (a document's, a group's) can climb out of the folder it is unpacked in or overwrite another entry.
 */
final class ZipWriter implements AutoCloseable {

    /** Characters no file system takes in a name, control characters and the separators. */
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}\\p{Cf}/\\\\:*?\"<>|]");
    /** Names Windows keeps for devices, whatever their extension. */
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com\\d|lpt\\d)(\\..*)?");
    private static final int SEGMENT_LIMIT = 100;

    private final ZipOutputStream zip;
    private final ObjectMapper json;
    private final Set<String> names = new HashSet<>();
    private boolean complete;

    ZipWriter(OutputStream out, ObjectMapper json) {
        this.zip = new ZipOutputStream(out);
        this.json = json;
    }

    /**
     * Starts an entry under a name not used yet in this ZIP: {@code folder/file}, or {@code folder/file (2)} when it
     * is, the counter before the extension. Its content is written to {@link #content()} until the next entry.
     *
     * @param folder a path built of {@link #segment}s, or "" for the top
     * @return the name it was given
     */
    String entry(String folder, String file) throws IOException {
        String name = unique(folder.isEmpty() ? file : folder + "/" + file);
        zip.putNextEntry(new ZipEntry(name));
        return name;
    }

    /** A folder name not used yet in this ZIP: {@code folder}, or {@code folder (2)} when it is. */
    String folder(String folder) {
        String candidate = folder;
        for (int n = 2; !names.add(candidate.toLowerCase(Locale.ROOT) + "/"); n++) {
            candidate = folder + " (" + n + ")";
        }
        return candidate;
    }

    /** The entry's content; closing it does not close the ZIP. */
    OutputStream content() {
        return new FilterOutputStream(zip) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                zip.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Starts a JSON entry and answers its generator, for the caller to write a value and close it. */
    JsonGenerator json(String folder, String file) throws IOException {
        entry(folder, file);
        return json.createGenerator(content()).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .useDefaultPrettyPrinter();
    }

    private String unique(String name) {
        int dot = name.lastIndexOf('.');
        boolean extension = dot > name.lastIndexOf('/') + 1;
        String stem = extension ? name.substring(0, dot) : name;
        String ext = extension ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 2; !names.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = stem + " (" + n + ")" + ext;
        }
        return candidate;
    }

    /**
     * One path segment from a name a member gave: one line, no separator or character a file system refuses, no
     * leading dot (so never {@code .} or {@code ..}) and no device name, at most {@value #SEGMENT_LIMIT} characters,
     * {@code fallback} when nothing is left.
     */
    static String segment(String name, String fallback) {
        String safe = UNSAFE.matcher(Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC))
                .replaceAll("_").strip();
        safe = safe.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (safe.codePointCount(0, safe.length()) > SEGMENT_LIMIT) {
            safe = safe.substring(0, safe.offsetByCodePoints(0, SEGMENT_LIMIT)).strip();
        }
        if (safe.isEmpty()) {
            return fallback;
        }
        return RESERVED.matcher(safe).matches() ? "_" + safe : safe;
    }

    /** A document version's file name: {@code Pricing (v2).pdf}. */
    static String versionFile(String documentName, int version) {
        String name = segment(documentName, "document");
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (v" + version + ")" + name.substring(dot)
                : name + " (v" + version + ")";
    }

    /** Marks the archive whole: only then does closing write its central directory. */
    void complete() {
        complete = true;
    }

    /**
     * Ends the archive if it is whole. One that failed on the way (a group left, a document gone, the database down)
     * is left without its central directory, so that no unzip tool takes the part that was sent for the whole.
     */
    @Override
    public void close() throws IOException {
        if (complete) {
            zip.finish();
        }
        zip.flush();
    }
}

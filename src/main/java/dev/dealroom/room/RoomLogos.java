package dev.dealroom.room;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.dealroom.common.SqlValues;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.i18n.Text;

/**
 * The rooms' logos, stored in PostgreSQL beside the room (they are small). What a logo is is decided from its
 * first bytes, never from its name or declared type: PNG, JPEG or WebP. Anything else is refused, SVG first of
 * all — an SVG document can carry script, and the page shows logos to every member.
 */
@ApplicationScoped
public class RoomLogos {

    /** The largest logo accepted: a logo is shown at most a few hundred pixels wide. */
    public static final int MAX_BYTES = 256 * 1024;

    /** Field code (on {@code file}) of content that is not a PNG, JPEG or WebP image. */
    public static final String TYPE_NOT_ALLOWED = "type-not-allowed";

    /** Field code (on {@code file}) of a logo over {@link #MAX_BYTES}. */
    public static final String TOO_LARGE = "too-large";

    private final EntityManager em;

    public RoomLogos(EntityManager em) {
        this.em = em;
    }

    /** A stored logo: its detected media type, bytes and time. */
    public record Logo(String mediaType, byte[] content, Instant updatedAt) {
    }

    /** The media type the bytes show, or a {@code validation-failed} refusal on the field {@code file}. */
    static String detect(byte[] content) {
        if (content == null || content.length == 0) {
            throw ApiException.invalidField("file", "required", Text.of("field.logo-missing"));
        }
        if (content.length > MAX_BYTES) {
            throw ApiException.invalidField("file", TOO_LARGE,
                    Text.of("field.logo-size", "max", MAX_BYTES / 1024));
        }
        if (startsWith(content, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(content, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(content, 0, 'R', 'I', 'F', 'F') && startsWith(content, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        throw ApiException.invalidField("file", TYPE_NOT_ALLOWED, Text.of("field.logo-type"));
    }

    private static boolean startsWith(byte[] content, int offset, int... signature) {
        if (content.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((content[offset + i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    void put(UUID roomId, LogoSide side, String mediaType, byte[] content, Instant at) {
        em.createNativeQuery("insert into room_logo (room_id, side, media_type, content, updated_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (room_id, side) do update"
                + " set media_type = excluded.media_type, content = excluded.content, updated_at = excluded.updated_at")
                .setParameter(1, roomId).setParameter(2, side.name()).setParameter(3, mediaType)
                .setParameter(4, content).setParameter(5, at).executeUpdate();
    }

    /** Whether there was a logo to remove. */
    boolean delete(UUID roomId, LogoSide side) {
        return em.createNativeQuery("delete from room_logo where room_id = ?1 and side = ?2")
                .setParameter(1, roomId).setParameter(2, side.name()).executeUpdate() > 0;
    }

    Optional<Logo> find(UUID roomId, LogoSide side) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select media_type, content, updated_at from room_logo"
                + " where room_id = ?1 and side = ?2")
                .setParameter(1, roomId).setParameter(2, side.name()).getResultList();
        return rows.stream().findFirst().map(row -> new Logo((String) row[0], (byte[]) row[1],
                SqlValues.instant(row[2])));
    }
}

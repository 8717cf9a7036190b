package dev.dealroom.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.Test;

/** The detector's reading of an upload, without the server. */
class DocumentTypesTest {

    @Test
    void onlyABoundedPrefixOfTheUploadIsRead() throws IOException {
        DocumentTypes types = new DocumentTypes(List.of("text/plain"));
        LongText upload = new LongText(25 * 1024 * 1024);

        assertEquals(MediaType.TEXT_PLAIN, types.contentType(upload));
        assertTrue(upload.read <= 64 * 1024, "read " + upload.read + " bytes");
    }

    /** An upload of text as large as documents may be, made as it is read, counting what was read. */
    private static final class LongText extends InputStream {
        private final long size;
        long read;

        LongText(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read == size) {
                return -1;
            }
            read++;
            return 'a' + (int) (read % 26);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (read == size) {
                return -1;
            }
            int n = (int) Math.min(length, size - read);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) read();
            }
            return n;
        }
    }
}

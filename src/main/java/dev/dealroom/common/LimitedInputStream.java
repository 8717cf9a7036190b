package dev.dealroom.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.dealroom.common.error.PayloadTooLargeException;

/**
 * A request body that may be read up to a limit; the byte after it throws {@link PayloadTooLargeException}. Closing
 * it first reads what is left, discarding it: the JSON reader stops at the end of its document and closes the body,
 * and what follows ({@code {…}} and then 300 KiB of spaces, say) counts against the limit too. Either way, no more
 * than the limit is ever read.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;
    /** Whether the end of the body, or the limit, was reached: nothing more to read. */
    private boolean done;

    LimitedInputStream(InputStream body, long limit) {
        super(body);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        } else {
            done = true;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        } else if (n < 0) {
            done = true;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public void close() throws IOException {
        try {
            byte[] rest = new byte[8192];
            while (!done && read(rest, 0, rest.length) >= 0) {
                // discarded
            }
        } finally {
            super.close();
        }
    }

    private void count(long n) throws PayloadTooLargeException {
        read += n;
        if (read > limit) {
            done = true;
            throw new PayloadTooLargeException(limit);
        }
    }
}

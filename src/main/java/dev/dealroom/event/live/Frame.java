package dev.dealroom.event.live;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One text message, encoded to UTF-8 once and written to each of its receivers as a view of the same bytes. The
 * bytes are never released (each write gets a {@link #bytes() duplicate} whose release does nothing), so one frame
 * can be in flight to many sockets at once; the garbage collector frees it when the last write is done. Nothing
 * writes into them either: the buffer wraps the array at its exact length, so it can never be grown or appended
 * to by a handler that merges buffers.
 */
final class Frame {

    private final ByteBuf utf8;
    private String text;

    private Frame(byte[] utf8) {
        this.utf8 = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(utf8));
    }

    static Frame utf8(byte[] encoded) {
        return new Frame(encoded);
    }

    static Frame text(String text) {
        Frame frame = new Frame(text.getBytes(StandardCharsets.UTF_8));
        frame.text = text;
        return frame;
    }

    /** The bytes, for one write: a view with its own read position over the shared, unreleasable buffer. */
    ByteBuf bytes() {
        return utf8.duplicate();
    }

    /** How many bytes the message is. */
    int length() {
        return utf8.readableBytes();
    }

    /** The message as text (decoded on first use, for sockets that take strings). */
    String text() {
        String decoded = text;
        if (decoded == null) {
            decoded = utf8.toString(StandardCharsets.UTF_8);
            text = decoded;
        }
        return decoded;
    }

    @Override
    public String toString() {
        return text();
    }
}

package dev.dealroom.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import io.restassured.RestAssured;

/**
 * A room's WebSocket spoken frame by frame (RFC 6455), for what a WebSocket library would not send: one frame of
 * any size, a message in fragments of a chosen size, bytes that are not UTF-8. {@link LiveClient} is the client
 * for everything else.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens the room's socket as {@code person}, after {@code since}. */
    public static RawWebSocket connect(Person person, String roomId, long since) {
        try {
            Socket socket = new Socket("localhost", RestAssured.port);
            socket.setSoTimeout(10_000);
            RawWebSocket client = new RawWebSocket(socket);
            byte[] key = new byte[16];
            client.random.nextBytes(key);
            client.out.write(("GET /ws/rooms/" + roomId + "?since=" + since + " HTTP/1.1\r\n"
                    + "Host: localhost:" + RestAssured.port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + "Authorization: Bearer " + person.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = client.headLine();
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException("The upgrade was refused: " + status);
            }
            while (!client.headLine().isEmpty()) {
                // the upgrade's headers
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One frame, masked as a client's must be. */
    public void frame(int opcode, boolean fin, byte[] payload) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length < 65536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >>> shift) & 0xff);
                }
            }
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text message in one frame. */
    public void text(String message) {
        frame(TEXT, true, message.getBytes(StandardCharsets.UTF_8));
    }

    /** A message in frames of at most {@code size} bytes. */
    public void fragmented(int opcode, byte[] message, int size) {
        for (int i = 0; i < message.length; i += size) {
            boolean last = i + size >= message.length;
            byte[] part = Arrays.copyOfRange(message, i, Math.min(message.length, i + size));
            frame(i == 0 ? opcode : CONTINUATION, last, part);
        }
    }

    /** The next text message from the server; fails if the server closes instead. */
    public String nextText() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            Frame frame = readFrame();
            switch (frame.opcode()) {
                case CLOSE -> throw new IllegalStateException("Closed by the server with " + frame.closeCode());
                case PING -> frame(PONG, true, frame.payload());
                case TEXT, CONTINUATION -> {
                    message.writeBytes(frame.payload());
                    if (frame.fin()) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
                default -> {
                    // nothing else is expected from the server
                }
            }
        }
    }

    /** The code of the server's close frame, skipping the messages before it. */
    public int awaitClose() {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == CLOSE) {
                return frame.closeCode();
            }
        }
    }

    /** Whether the server has said or done nothing to end the connection within {@code millis}. */
    public boolean staysOpenFor(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == CLOSE) {
                    return false;
                }
            }
        } catch (UncheckedIOException e) {
            return e.getCause() instanceof SocketTimeoutException;
        } catch (IllegalStateException endedWithoutCloseFrame) {
            return false;
        } finally {
            try {
                socket.setSoTimeout(10_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private record Frame(boolean fin, int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
        }
    }

    private Frame readFrame() {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame((first & 0x80) != 0, first & 0x0f, payload);
        } catch (EOFException e) {
            throw new IllegalStateException("The server ended the connection without a close frame", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String headLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("The server closed during the upgrade");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}

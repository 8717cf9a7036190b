package dev.dealroom.event.live;

import java.time.Instant;

/**
 * A single-use pass for opening the room's WebSocket from a browser, which cannot send an
 * {@code Authorization} header: {@code /ws/rooms/{roomId}?ticket=...}.
 */
public record LiveTicket(String ticket, Instant expiresAt) {
}

package dev.dealroom.calendar;

import java.time.Instant;

/**
 * My calendar feed.
 *
 * @param active    whether I have one
 * @param createdAt when its current address was made
 * @param url       its address, in the answer that makes it only: the server keeps a hash of its secret, not the
 *                  address, so it cannot tell it again (make a new one instead)
 */
public record CalendarFeedView(boolean active, Instant createdAt, String url) {
}

package dev.dealroom.member;

/**
 * The confirmation an erasure asks for, as it cannot be undone.
 *
 * @param confirm must be {@code true}
 */
public record ErasureRequest(Boolean confirm) {
}

package dev.dealroom.committee;

import java.util.List;

/**
 * A member's roles and attitude: the answer of {@code PUT .../committee/{memberId}} and the payload of
 * {@code committee.changed}.
 *
 * @param roles    their roles, in {@link CommitteeRole}'s order; empty when none
 * @param attitude null when not assessed
 */
public record Seat(String memberId, List<CommitteeRole> roles, Attitude attitude) {
}

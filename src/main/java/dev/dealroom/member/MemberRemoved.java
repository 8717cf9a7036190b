package dev.dealroom.member;

/** Payload of {@code member.removed}. */
public record MemberRemoved(String memberId, String name) {
}

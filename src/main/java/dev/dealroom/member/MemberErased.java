package dev.dealroom.member;

/** Payload of {@code member.erased}: the erased member's id alone, as nothing personal stays of them. */
public record MemberErased(String memberId) {
}

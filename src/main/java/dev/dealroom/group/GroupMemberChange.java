package dev.dealroom.group;

/** Payload of {@code group.member_added} and {@code group.member_removed}. */
public record GroupMemberChange(String groupId, String memberId) {
}

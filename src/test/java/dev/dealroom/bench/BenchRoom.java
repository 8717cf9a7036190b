package dev.dealroom.bench;

import java.util.List;
import java.util.Map;

/**
 * A room the harness made through the API: its members (the owner first) and the ids of the groups it uses.
 *
 * @param groupIds group key → id
 */
record BenchRoom(String id, List<BenchMember> members, Map<String, String> groupIds) {

    /** A member with the bearer token it signs in with and the keys of the groups it is in. */
    record BenchMember(String email, String token, List<String> groups) {

        boolean in(String groupKey) {
            return groups.contains(groupKey);
        }
    }

    /** The members of {@code groupKey}. */
    List<BenchMember> membersOf(String groupKey) {
        return members.stream().filter(member -> member.in(groupKey)).toList();
    }
}

package dev.dealroom.member;

import java.util.List;

/**
 * A member as other members of the room see them.
 *
 * @param groupIds the member's groups among those the viewer is in; never a group the viewer cannot see
 */
public record MemberView(String id, String email, String name, Side side, String title, boolean decisionMaker,
        boolean owner, List<String> groupIds) {
}

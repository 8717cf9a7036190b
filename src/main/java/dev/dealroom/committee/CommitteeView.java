package dev.dealroom.committee;

import java.time.Instant;
import java.util.List;

/**
 * The buying committee and its coverage, for the steering group only: every buyer-side member with their roles and
 * attitude, and the gaps {@link Coverage} finds.
 *
 * @param mapped          whether any role has been set yet; until then the only gap is {@code committee-unmapped},
 *                        and health reports none
 * @param silentAfterDays how many days without a sign of life make a member silent
 */
public record CommitteeView(String roomId, boolean mapped, long silentAfterDays, List<Member> members,
        List<Gap> gaps) {

    /**
     * @param lastActive their latest sign of life: an event they made, a group they read, or their joining
     * @param silent     whether that is {@code silentAfterDays} old or more
     */
    public record Member(String memberId, String name, String title, boolean decisionMaker, List<CommitteeRole> roles,
            Attitude attitude, Instant lastActive, boolean silent) {
    }

    /**
     * @param code {@code committee-unmapped}, {@code committee-role-missing}, {@code committee-role-silent},
     *             {@code committee-champion-outside-business-case}, {@code committee-economic-buyer-outside-steering}
     * @param role the role it is about, if any
     * @param text the gap in a plain sentence, in the caller's language
     */
    public record Gap(String code, CommitteeRole role, String text) {
    }
}

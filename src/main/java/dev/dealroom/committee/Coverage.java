package dev.dealroom.committee;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.dealroom.common.i18n.Text;

/**
 * The coverage rules of the buying committee, pure so that they are unit-tested without a database. Until a first
 * role is set the committee is unmapped, one gap that health does not count. Once mapped:
 * <ul>
 * <li>{@code committee-role-missing}: a needed role ({@link CommitteeRole#needed}) that nobody holds;
 * <li>{@code committee-role-silent}: a needed role whose every holder has shown no sign of life — no event made in the
 * room (a post, a task change, a download…), no group read, not joined — for {@code silentAfter} or more;
 * <li>{@code committee-champion-outside-business-case}: nobody holding the champion role is in the
 * {@code business-case} group;
 * <li>{@code committee-economic-buyer-outside-steering}: nobody holding the economic buyer role is a decision-maker,
 * the buyers of the steering group.
 * </ul>
 */
public final class Coverage {

    /** The code of the one gap of a committee that has no role yet. */
    public static final String UNMAPPED = "committee-unmapped";

    /**
     * One buyer-side member as the rules read them.
     *
     * @param lastActive their latest sign of life, never null (joining is one)
     */
    public record Holder(UUID memberId, boolean decisionMaker, boolean inBusinessCase, Set<CommitteeRole> roles,
            Instant lastActive) {
    }

    /** A gap, not yet in words. */
    public record Finding(String code, CommitteeRole role, Text text) {
    }

    private Coverage() {
    }

    /** Whether a member last active at {@code lastActive} is silent at {@code now}. */
    public static boolean silent(Instant lastActive, Instant now, Duration silentAfter) {
        return Duration.between(lastActive, now).compareTo(silentAfter) >= 0;
    }

    /** Every gap of the committee, {@link #UNMAPPED} alone while no role is set; roles in their declared order. */
    public static List<Finding> gaps(List<Holder> buyers, Instant now, Duration silentAfter) {
        if (buyers.stream().allMatch(holder -> holder.roles().isEmpty())) {
            return List.of(new Finding(UNMAPPED, null, Text.of("committee.gap.unmapped")));
        }
        List<Finding> gaps = new ArrayList<>();
        for (CommitteeRole role : CommitteeRole.values()) {
            List<Holder> holders = buyers.stream().filter(holder -> holder.roles().contains(role)).toList();
            Text name = Text.of(role.messageKey());
            if (holders.isEmpty()) {
                if (role.needed()) {
                    gaps.add(new Finding("committee-role-missing", role,
                            Text.of("reason.committee-role-missing", "role", name)));
                }
                continue;
            }
            Instant latest = holders.stream().map(Holder::lastActive).max(Comparator.naturalOrder()).orElseThrow();
            if (role.needed() && silent(latest, now, silentAfter)) {
                gaps.add(new Finding("committee-role-silent", role, Text.of("reason.committee-role-silent",
                        "role", name, "count", ChronoUnit.DAYS.between(latest, now))));
            }
            if (role == CommitteeRole.CHAMPION && holders.stream().noneMatch(Holder::inBusinessCase)) {
                gaps.add(new Finding("committee-champion-outside-business-case", role,
                        Text.of("reason.committee-champion-outside-business-case")));
            }
            if (role == CommitteeRole.ECONOMIC_BUYER && holders.stream().noneMatch(Holder::decisionMaker)) {
                gaps.add(new Finding("committee-economic-buyer-outside-steering", role,
                        Text.of("reason.committee-economic-buyer-outside-steering")));
            }
        }
        return gaps;
    }

    /** The gaps health counts: none while the committee is unmapped. */
    public static List<Finding> healthGaps(List<Holder> buyers, Instant now, Duration silentAfter) {
        return gaps(buyers, now, silentAfter).stream().filter(gap -> !UNMAPPED.equals(gap.code())).toList();
    }
}

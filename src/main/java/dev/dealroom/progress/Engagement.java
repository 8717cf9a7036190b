package dev.dealroom.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.progress.EngagementView.Level;
import dev.dealroom.progress.EngagementView.Reason;

/**
 * The rules of engagement, pure: a buyer-side member's level and its reasons from their visits, the key updates they
 * were due to see and the tasks they were due to do ({@link EngagementView.Level}).
 */
final class Engagement {

    private final Duration coolingAfter;
    private final Duration quietAfter;

    Engagement(Duration coolingAfter, Duration quietAfter) {
        this.coolingAfter = coolingAfter;
        this.quietAfter = quietAfter;
    }

    /**
     * The buyer side's engagement in a room loaded with {@link RoomFactsLoader#addEngagement}, counting only the
     * {@code attributable} groups' key updates and tasks.
     */
    EngagementView view(RoomFacts facts, Set<UUID> attributable, Instant now, Language language) {
        List<EngagementView.Stakeholder> stakeholders = new ArrayList<>();
        for (RoomFacts.Member member : facts.members) {
            if (!"BUYER".equals(member.side())) {
                continue;
            }
            int tasks = 0;
            int onTime = 0;
            int keyUpdates = 0;
            for (RoomFacts.Due due : facts.due) {
                if (due.memberId().equals(member.id()) && attributable.contains(due.groupId())) {
                    tasks += due.tasks();
                    onTime += due.tasksOnTime();
                    keyUpdates += due.keyUpdates();
                }
            }
            int owed = (int) facts.keyUpdates.stream().filter(update -> attributable.contains(update.groupId())
                    && facts.owing(update).contains(member.id())).count();
            int seen = Math.max(0, keyUpdates - owed);
            RoomFacts.Visits visits = facts.visits.getOrDefault(member.id(), new RoomFacts.Visits(null, 0));
            stakeholders.add(stakeholder(member, facts.keyBuyers.contains(member.id()), visits, keyUpdates, seen,
                    tasks, onTime, now, language));
        }
        return new EngagementView(facts.room.id().toString(), coolingAfter.toDays(), quietAfter.toDays(),
                stakeholders);
    }

    EngagementView.Stakeholder stakeholder(RoomFacts.Member member, boolean keyBuyer, RoomFacts.Visits visits,
            int keyUpdatesDue, int keyUpdatesSeen, int tasksDue, int tasksOnTime, Instant now, Language language) {
        List<Reason> reasons = new ArrayList<>();
        Level level;
        if (visits.last() == null) {
            level = Level.NOT_YET_VISITED;
            reasons.add(reason("engagement-never-visited", Text.of("engagement.never-visited"), language));
        } else {
            Duration since = Duration.between(visits.last(), now);
            long days = since.toDays();
            reasons.add(days == 0
                    ? reason("engagement-visited-recently", Text.of("engagement.visited-recently"), language)
                    : reason("engagement-no-visit", Text.of("engagement.no-visit", "count", days), language));
            boolean behind = keyUpdatesDue > 0 && keyUpdatesSeen * 2 < keyUpdatesDue
                    || tasksDue > 0 && tasksOnTime * 2 < tasksDue;
            level = since.compareTo(quietAfter) >= 0 ? Level.QUIET
                    : since.compareTo(coolingAfter) >= 0 || behind ? Level.COOLING : Level.ENGAGED;
        }
        if (visits.last() != null) {
            reasons.add(reason("engagement-visits", Text.of("engagement.visits", "count", (long) visits.recent()),
                    language));
        }
        if (keyUpdatesDue > 0) {
            reasons.add(reason("engagement-key-updates-seen", Text.of("engagement.key-updates-seen",
                    "seen", (long) keyUpdatesSeen, "count", (long) keyUpdatesDue), language));
        }
        if (tasksDue > 0) {
            reasons.add(reason("engagement-tasks-on-time", Text.of("engagement.tasks-on-time",
                    "done", (long) tasksOnTime, "count", (long) tasksDue), language));
        }
        return new EngagementView.Stakeholder(member.id().toString(), member.name(), member.title(),
                member.decisionMaker(), keyBuyer, level, visits.last(), visits.recent(), keyUpdatesDue,
                keyUpdatesSeen, share(keyUpdatesSeen, keyUpdatesDue), tasksDue, tasksOnTime,
                share(tasksOnTime, tasksDue), reasons);
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Reason reason(String code, Text text, Language language) {
        return new Reason(code, Messages.render(language, text));
    }
}

package dev.dealroom.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.group.DefaultGroup;
import dev.dealroom.progress.ProgressView.GroupProgress;
import dev.dealroom.progress.ProgressView.Health;
import dev.dealroom.progress.ProgressView.MilestoneMark;
import dev.dealroom.progress.ProgressView.Reason;
import dev.dealroom.progress.ProgressView.StakeholderProgress;
import dev.dealroom.progress.ProgressView.Timeline;
import dev.dealroom.progress.ProgressView.Verdict;
import dev.dealroom.task.Overdue;
import dev.dealroom.task.TaskStatus;

/**
 * Turns a room's facts into the progress view for one viewer: pure, so its rules are unit-tested without a
 * database.
 *
 * <p>Health: each overdue or blocked task, idle workstream, key update unseen for too long and a projected
 * decision date past the target is a reason. {@code OFF_TRACK} when the projected date slips or a milestone is
 * overdue, {@code AT_RISK} with any other reason, {@code ON_TRACK} with none.
 *
 * <p>Steering members get the figures of groups they are not in. Of such a group, a default one keeps its fixed
 * name; one that people named is called "Private group N" and is tied to nobody: its members' rows leave it out
 * (their groups, tasks, reads and unseen updates) and its unseen key updates are reported without names.
 */
final class ProgressCalculator {

    /** Default groups in their fixed order, then the added ones, oldest first, as the group list shows them. */
    private static final Comparator<RoomFacts.Group> DISPLAY_ORDER = Comparator
            .comparingInt((RoomFacts.Group group) -> DefaultGroup.rank(group.key()))
            .thenComparing(RoomFacts.Group::createdAt)
            .thenComparing(RoomFacts.Group::id);

    /** What a group is called whose name the viewer may not see, numbered in the view's order: "Private group 2". */
    static final String PRIVATE_GROUP = "progress.private-group";

    private final Duration idleAfter;
    private final Duration unseenAfter;

    ProgressCalculator(Duration idleAfter, Duration unseenAfter) {
        this.idleAfter = idleAfter;
        this.unseenAfter = unseenAfter;
    }

    /**
     * @param scope   the groups whose figures the viewer gets
     * @param visible the groups whose content the viewer may see (their own)
     * @param clock   now, in the server's zone: its date is "today" (the facts' overdue counts used the same)
     */
    ProgressView calculate(RoomFacts facts, boolean steering, Set<UUID> scope, Set<UUID> visible,
            ZonedDateTime clock) {
        return calculate(facts, steering, scope, visible, clock, Language.FALLBACK);
    }

    /**
     * The view with its words (health reasons, private groups' labels, default groups' names) in {@code language};
     * the reasons' codes are the same in every language.
     */
    ProgressView calculate(RoomFacts facts, boolean steering, Set<UUID> scope, Set<UUID> visible,
            ZonedDateTime clock, Language language) {
        Instant now = clock.toInstant();
        LocalDate today = clock.toLocalDate();
        List<RoomFacts.Group> groups = facts.groups.stream().filter(g -> scope.contains(g.id()))
                .sorted(DISPLAY_ORDER).toList();
        // A group the viewer is not in keeps its name if it is a default group (a fixed name); one that people
        // named is a "Private group": its kind and figures show, its name does not, nor who is in it (invariant 5).
        Set<UUID> sealed = groups.stream().filter(group -> group.key() == null && !visible.contains(group.id()))
                .map(RoomFacts.Group::id).collect(Collectors.toSet());
        Map<UUID, String> labels = new HashMap<>();
        int privateGroups = 0;
        for (RoomFacts.Group group : groups) {
            labels.put(group.id(), sealed.contains(group.id())
                    ? Messages.render(language, Text.of(PRIVATE_GROUP, "number", Integer.toString(++privateGroups)))
                    : DefaultGroup.displayName(group.key(), group.name(), language));
        }
        // The groups whose figures may be told per member.
        Set<UUID> attributable = scope.stream().filter(id -> !sealed.contains(id)).collect(Collectors.toSet());
        List<RoomFacts.KeyUpdate> keyUpdates = facts.keyUpdates.stream()
                .filter(update -> scope.contains(update.groupId())).toList();

        List<GroupProgress> groupProgress = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        for (RoomFacts.Group group : groups) {
            RoomFacts.TaskFigures tasks = facts.tasks.getOrDefault(group.id(), RoomFacts.TaskFigures.NONE);
            RoomFacts.SignoffFigures signoffs = facts.signoffs.getOrDefault(group.id(),
                    RoomFacts.SignoffFigures.NONE);
            Instant last = facts.lastActivity.getOrDefault(group.id(), facts.room.createdAt());
            long idleDays = ChronoUnit.DAYS.between(last, now);
            int notSeenByAll = (int) keyUpdates.stream().filter(update -> update.groupId().equals(group.id()))
                    .filter(update -> !facts.owing(update).isEmpty()).count();
            String label = labels.get(group.id());
            groupProgress.add(new GroupProgress(group.id().toString(), group.key(),
                    sealed.contains(group.id()) ? null : group.name(), label, group.kind(),
                    visible.contains(group.id()), tasks.total(), tasks.done(), tasks.overdue(), tasks.blocked(),
                    tasks.nextMilestone(), signoffs.open(), signoffs.decided(), idleDays, notSeenByAll));
            if (tasks.overdue() > 0) {
                reasons.add(new Reason("tasks-overdue", Messages.render(language, Text.of("reason.tasks-overdue",
                        "count", (long) tasks.overdue(), "group", label)), group.id().toString(), null));
            }
            if (tasks.blocked() > 0) {
                reasons.add(new Reason("tasks-blocked", Messages.render(language, Text.of("reason.tasks-blocked",
                        "count", (long) tasks.blocked(), "group", label)), group.id().toString(), null));
            }
            if ("WORKSTREAM".equals(group.kind()) && Duration.between(last, now).compareTo(idleAfter) >= 0) {
                reasons.add(new Reason("group-idle", Messages.render(language, Text.of("reason.group-idle",
                        "count", idleDays, "group", label)), group.id().toString(), null));
            }
            if (sealed.contains(group.id())) {
                // Who has not seen it would say who is in the group: the update is reported, not the people.
                for (RoomFacts.KeyUpdate update : keyUpdates) {
                    Duration age = Duration.between(update.at(), now);
                    if (update.groupId().equals(group.id()) && !facts.owing(update).isEmpty()
                            && age.compareTo(unseenAfter) >= 0) {
                        reasons.add(new Reason("update-unseen", Messages.render(language,
                                Text.of("reason.update-unseen-by-some", "update", label(update), "group", label,
                                        "count", age.toDays())), group.id().toString(), null));
                    }
                }
            }
        }

        List<StakeholderProgress> stakeholders = new ArrayList<>();
        for (RoomFacts.Member member : facts.members) {
            Set<UUID> theirs = facts.groupsOf(member.id()).stream().filter(attributable::contains)
                    .collect(Collectors.toSet());
            int owned = 0;
            int overdue = 0;
            for (RoomFacts.Owned task : facts.owned) {
                if (task.memberId().equals(member.id()) && attributable.contains(task.groupId())) {
                    owned += task.owned();
                    overdue += task.overdue();
                }
            }
            Instant lastSeen = facts.markers.stream()
                    .filter(m -> m.memberId().equals(member.id()) && attributable.contains(m.groupId()))
                    .map(RoomFacts.Marker::readAt).max(Comparator.naturalOrder()).orElse(null);
            int unseen = 0;
            for (RoomFacts.KeyUpdate update : keyUpdates) {
                if (attributable.contains(update.groupId()) && facts.owing(update).contains(member.id())) {
                    unseen++;
                    Duration age = Duration.between(update.at(), now);
                    if (age.compareTo(unseenAfter) >= 0) {
                        reasons.add(new Reason("update-unseen", Messages.render(language,
                                Text.of("reason.update-unseen", "who", who(member), "update", label(update),
                                        "group", labels.get(update.groupId()), "count", age.toDays())),
                                update.groupId().toString(), member.id().toString()));
                    }
                }
            }
            stakeholders.add(new StakeholderProgress(member.id().toString(), member.name(), member.title(),
                    member.side(), member.decisionMaker(), owned, overdue, lastSeen, unseen,
                    theirs.stream().map(UUID::toString).sorted().toList()));
        }

        List<MilestoneMark> milestones = new ArrayList<>();
        LocalDate projected = null;
        boolean milestoneOverdue = false;
        for (RoomFacts.Milestone milestone : facts.milestones) {
            if (!scope.contains(milestone.groupId())) {
                continue;
            }
            boolean open = !"DONE".equals(milestone.status());
            boolean late = Overdue.isOverdue(milestone.dueDate(), TaskStatus.valueOf(milestone.status()), today);
            milestoneOverdue |= late;
            if (open && milestone.dueDate() != null && (projected == null || milestone.dueDate().isAfter(projected))) {
                projected = milestone.dueDate();
            }
            milestones.add(new MilestoneMark(milestone.taskId().toString(), milestone.groupId().toString(),
                    visible.contains(milestone.groupId()) ? milestone.title() : null, milestone.dueDate(),
                    milestone.status(), late));
        }
        LocalDate target = facts.room.targetDecisionDate();
        Long slip = projected == null ? null : ChronoUnit.DAYS.between(target, projected);
        if (slip != null && slip > 0) {
            reasons.add(0, new Reason("decision-slip", Messages.render(language,
                    Text.of("reason.decision-slip", "count", slip)), null, null));
        }
        Verdict verdict = (slip != null && slip > 0) || milestoneOverdue ? Verdict.OFF_TRACK
                : reasons.isEmpty() ? Verdict.ON_TRACK : Verdict.AT_RISK;
        return new ProgressView(facts.room.id().toString(), steering, new Health(verdict, reasons), groupProgress,
                stakeholders, new Timeline(today, target, milestones, projected, slip));
    }

    /** What kind of key update it is, in words ({@code update.<kind>}). */
    private static Text label(RoomFacts.KeyUpdate update) {
        return Text.of(switch (update.type()) {
            case "post.created" -> "update.announcement";
            case "signoff.requested" -> "update.signoff-request";
            case "task.updated" -> "update.milestone-change";
            default -> "update.other";
        });
    }

    private static String who(RoomFacts.Member member) {
        return member.title() == null ? member.name() : member.name() + " (" + member.title() + ")";
    }

}

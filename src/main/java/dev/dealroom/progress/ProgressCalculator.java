package dev.dealroom.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.dealroom.committee.Coverage;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.group.DefaultGroup;
import dev.dealroom.group.GroupKind;
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
 * decision date past the target is a reason; for a viewer of the steering group, so is each gap of the buying
 * committee ({@code Coverage}), which nobody else is told of. {@code OFF_TRACK} when the projected date slips or a
 * milestone is overdue, {@code AT_RISK} with any other reason, {@code ON_TRACK} with none.
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
        return calculate(facts, steering, scope, visible, clock, Language.FALLBACK, List.of());
    }

    /**
     * The view with its words (health reasons, private groups' labels, default groups' names) in {@code language};
     * the reasons' codes are the same in every language.
     */
    ProgressView calculate(RoomFacts facts, boolean steering, Set<UUID> scope, Set<UUID> visible,
            ZonedDateTime clock, Language language) {
        return calculate(facts, steering, scope, visible, clock, language, List.of());
    }

    /**
     * The view with the buying committee's gaps among its health reasons: {@code committee} must be empty unless the
     * viewer may see the committee (the steering group); the committee is sealed to it.
     */
    ProgressView calculate(RoomFacts facts, boolean steering, Set<UUID> scope, Set<UUID> visible,
            ZonedDateTime clock, Language language, List<Coverage.Finding> committee) {
        Assessment assessment = assess(facts, scope, visible, clock, committee);
        Instant now = clock.toInstant();
        LocalDate today = clock.toLocalDate();
        // A group the viewer is not in keeps its name if it is a default group (a fixed name); one that people
        // named is a "Private group": its kind and figures show, its name does not, nor who is in it (invariant 5).
        Map<UUID, String> labels = new HashMap<>();
        int privateGroups = 0;
        for (RoomFacts.Group group : assessment.groups()) {
            labels.put(group.id(), assessment.sealed().contains(group.id())
                    ? Messages.render(language, Text.of(PRIVATE_GROUP, "number", Integer.toString(++privateGroups)))
                    : DefaultGroup.displayName(group.key(), group.name(), language));
        }

        List<GroupProgress> groupProgress = new ArrayList<>();
        for (RoomFacts.Group group : assessment.groups()) {
            RoomFacts.TaskFigures tasks = facts.tasks.getOrDefault(group.id(), RoomFacts.TaskFigures.NONE);
            RoomFacts.SignoffFigures signoffs = facts.signoffs.getOrDefault(group.id(),
                    RoomFacts.SignoffFigures.NONE);
            long idleDays = ChronoUnit.DAYS.between(lastActivity(facts, group), now);
            int notSeenByAll = (int) assessment.keyUpdates().stream()
                    .filter(update -> update.groupId().equals(group.id()))
                    .filter(update -> !facts.owing(update).isEmpty()).count();
            groupProgress.add(new GroupProgress(group.id().toString(), group.key(),
                    assessment.sealed().contains(group.id()) ? null : group.name(), labels.get(group.id()),
                    group.kind(), visible.contains(group.id()), tasks.total(), tasks.done(), tasks.overdue(),
                    tasks.blocked(), tasks.nextMilestone(), signoffs.open(), signoffs.decided(), idleDays,
                    notSeenByAll));
        }

        Set<UUID> attributable = assessment.attributable();
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
            int unseen = (int) assessment.keyUpdates().stream()
                    .filter(update -> attributable.contains(update.groupId())
                            && facts.owing(update).contains(member.id()))
                    .count();
            stakeholders.add(new StakeholderProgress(member.id().toString(), member.name(), member.title(),
                    member.side(), member.decisionMaker(), owned, overdue, lastSeen, unseen,
                    theirs.stream().map(UUID::toString).sorted().toList()));
        }

        List<MilestoneMark> milestones = assessment.milestones().stream()
                .map(milestone -> new MilestoneMark(milestone.taskId().toString(), milestone.groupId().toString(),
                        visible.contains(milestone.groupId()) ? milestone.title() : null, milestone.dueDate(),
                        milestone.status(), late(milestone, today)))
                .toList();
        List<Reason> reasons = assessment.findings().stream()
                .map(finding -> new Reason(finding.code(), finding.words(labels, language),
                        finding.groupId() == null ? null : finding.groupId().toString(),
                        finding.memberId() == null ? null : finding.memberId().toString()))
                .toList();
        return new ProgressView(facts.room.id().toString(), steering,
                new Health(assessment.verdict(), reasons), groupProgress, stakeholders,
                new Timeline(today, facts.room.targetDecisionDate(), milestones, assessment.projected(),
                        assessment.slip()));
    }

    /**
     * What the pipeline shows of the room to this viewer: the verdict and the number of reasons of {@link #calculate},
     * without putting them in words, and the soonest open milestone.
     */
    Summary summarise(RoomFacts facts, Set<UUID> scope, Set<UUID> visible, ZonedDateTime clock) {
        return summarise(facts, scope, visible, clock, List.of());
    }

    /** The same, with the committee's gaps, for a viewer who may see them (see {@link #calculate}). */
    Summary summarise(RoomFacts facts, Set<UUID> scope, Set<UUID> visible, ZonedDateTime clock,
            List<Coverage.Finding> committee) {
        Assessment assessment = assess(facts, scope, visible, clock, committee);
        return new Summary(assessment.verdict(), assessment.findings().size(), assessment.nextMilestone());
    }

    /** @param nextMilestone the soonest due date of an open milestone among the viewer's figures */
    record Summary(Verdict verdict, int reasons, LocalDate nextMilestone) {
    }

    /**
     * The health of the room for one viewer: every rule of the class's description, the reasons not yet in words.
     * It reads the room, its groups, their task figures, the last activity of workstreams, the key updates and the
     * members who owe them, and the open milestones; {@link RoomFactsLoader#addHealth} loads no more.
     */
    private Assessment assess(RoomFacts facts, Set<UUID> scope, Set<UUID> visible, ZonedDateTime clock,
            List<Coverage.Finding> committee) {
        Instant now = clock.toInstant();
        LocalDate today = clock.toLocalDate();
        List<RoomFacts.Group> groups = facts.groups.stream().filter(g -> scope.contains(g.id()))
                .sorted(DISPLAY_ORDER).toList();
        Set<UUID> sealed = sealed(groups, visible);
        // The groups whose figures may be told per member.
        Set<UUID> attributable = scope.stream().filter(id -> !sealed.contains(id)).collect(Collectors.toSet());
        List<RoomFacts.KeyUpdate> keyUpdates = facts.keyUpdates.stream()
                .filter(update -> scope.contains(update.groupId())).toList();

        List<Finding> findings = new ArrayList<>();
        for (RoomFacts.Group group : groups) {
            RoomFacts.TaskFigures tasks = facts.tasks.getOrDefault(group.id(), RoomFacts.TaskFigures.NONE);
            if (tasks.overdue() > 0) {
                findings.add(new Finding("tasks-overdue", Text.of("reason.tasks-overdue", "count",
                        (long) tasks.overdue()), group.id(), null));
            }
            if (tasks.blocked() > 0) {
                findings.add(new Finding("tasks-blocked", Text.of("reason.tasks-blocked", "count",
                        (long) tasks.blocked()), group.id(), null));
            }
            if (GroupKind.WORKSTREAM.name().equals(group.kind())) {
                Instant last = lastActivity(facts, group);
                if (Duration.between(last, now).compareTo(idleAfter) >= 0) {
                    findings.add(new Finding("group-idle", Text.of("reason.group-idle", "count",
                            ChronoUnit.DAYS.between(last, now)), group.id(), null));
                }
            }
            if (sealed.contains(group.id())) {
                // Who has not seen it would say who is in the group: the update is reported, not the people.
                for (RoomFacts.KeyUpdate update : keyUpdates) {
                    Duration age = Duration.between(update.at(), now);
                    if (update.groupId().equals(group.id()) && !facts.owing(update).isEmpty()
                            && age.compareTo(unseenAfter) >= 0) {
                        findings.add(new Finding("update-unseen", Text.of("reason.update-unseen-by-some",
                                "update", label(update), "count", age.toDays()), group.id(), null));
                    }
                }
            }
        }
        for (RoomFacts.Member member : facts.members) {
            for (RoomFacts.KeyUpdate update : keyUpdates) {
                Duration age = Duration.between(update.at(), now);
                if (attributable.contains(update.groupId()) && facts.owing(update).contains(member.id())
                        && age.compareTo(unseenAfter) >= 0) {
                    findings.add(new Finding("update-unseen", Text.of("reason.update-unseen", "who", who(member),
                            "update", label(update), "count", age.toDays()), update.groupId(), member.id()));
                }
            }
        }

        for (Coverage.Finding gap : committee) {
            findings.add(new Finding(gap.code(), gap.text(), null, null));
        }

        List<RoomFacts.Milestone> milestones = facts.milestones.stream()
                .filter(milestone -> scope.contains(milestone.groupId())).toList();
        LocalDate projected = null;
        LocalDate next = null;
        boolean milestoneOverdue = false;
        for (RoomFacts.Milestone milestone : milestones) {
            milestoneOverdue |= late(milestone, today);
            if (!TaskStatus.DONE.name().equals(milestone.status()) && milestone.dueDate() != null) {
                projected = projected == null || milestone.dueDate().isAfter(projected) ? milestone.dueDate()
                        : projected;
                next = next == null || milestone.dueDate().isBefore(next) ? milestone.dueDate() : next;
            }
        }
        Long slip = projected == null ? null : ChronoUnit.DAYS.between(facts.room.targetDecisionDate(), projected);
        if (slip != null && slip > 0) {
            findings.add(0, new Finding("decision-slip", Text.of("reason.decision-slip", "count", slip), null,
                    null));
        }
        Verdict verdict = (slip != null && slip > 0) || milestoneOverdue ? Verdict.OFF_TRACK
                : findings.isEmpty() ? Verdict.ON_TRACK : Verdict.AT_RISK;
        return new Assessment(groups, sealed, attributable, keyUpdates, milestones, findings, projected, slip, next,
                verdict);
    }

    /** The groups among {@code groups} that people named and the viewer is not in: private groups. */
    private static Set<UUID> sealed(List<RoomFacts.Group> groups, Set<UUID> visible) {
        return groups.stream().filter(group -> group.key() == null && !visible.contains(group.id()))
                .map(RoomFacts.Group::id).collect(Collectors.toSet());
    }

    /**
     * The groups of {@code scope} whose figures may be told per member: all but private groups the viewer is not in,
     * which stakeholder rows, and engagement, leave out.
     */
    static Set<UUID> attributable(RoomFacts facts, Set<UUID> scope, Set<UUID> visible) {
        Set<UUID> sealed = sealed(facts.groups.stream().filter(g -> scope.contains(g.id())).toList(), visible);
        return scope.stream().filter(id -> !sealed.contains(id)).collect(Collectors.toSet());
    }

    /** @param milestones the milestones of the viewer's figures, in the facts' order */
    private record Assessment(List<RoomFacts.Group> groups, Set<UUID> sealed, Set<UUID> attributable,
            List<RoomFacts.KeyUpdate> keyUpdates, List<RoomFacts.Milestone> milestones, List<Finding> findings,
            LocalDate projected, Long slip, LocalDate nextMilestone, Verdict verdict) {
    }

    /**
     * A health reason before it is put in words: its text lacks the group's label ({@code group}), which depends on
     * the other groups of the view ("Private group 2").
     */
    private record Finding(String code, Text text, UUID groupId, UUID memberId) {

        String words(Map<UUID, String> labels, Language language) {
            Map<String, Object> args = new LinkedHashMap<>(text.args());
            if (groupId != null) {
                args.put("group", labels.get(groupId));
            }
            return Messages.render(language, text.key(), args);
        }
    }

    private static Instant lastActivity(RoomFacts facts, RoomFacts.Group group) {
        return facts.lastActivity.getOrDefault(group.id(), facts.room.createdAt());
    }

    private static boolean late(RoomFacts.Milestone milestone, LocalDate today) {
        return Overdue.isOverdue(milestone.dueDate(), TaskStatus.valueOf(milestone.status()), today);
    }

    /** What kind of key update it is, in words ({@code update.<kind>}). */
    private static Text label(RoomFacts.KeyUpdate update) {
        return Text.of(switch (update.type()) {
            case "post.created" -> "update.announcement";
            case "signoff.requested" -> "update.signoff-request";
            case "task.updated", "task.rescheduled" -> "update.milestone-change";
            default -> "update.other";
        });
    }

    private static String who(RoomFacts.Member member) {
        return member.title() == null ? member.name() : member.name() + " (" + member.title() + ")";
    }

}

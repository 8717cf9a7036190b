package dev.dealroom.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The coordination rules over a room built in memory: what a steering member learns of groups they are not in. */
class ProgressCalculatorTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 6, 15, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final Instant OPENED = NOW.minusDays(3).toInstant();

    private final ProgressCalculator calculator = new ProgressCalculator(Duration.ofDays(7), Duration.ofDays(2));
    private final UUID owner = UUID.randomUUID();
    private final UUID buyer = UUID.randomUUID();
    private final UUID proof = UUID.randomUUID();
    private final UUID contracts = UUID.randomUUID();
    private final UUID walkAway = UUID.randomUUID();
    private final UUID shortlist = UUID.randomUUID();

    /** The owner is in proof; the buyer is in proof, contracts and two groups the buyers named. */
    private RoomFacts room() {
        RoomFacts facts = new RoomFacts();
        facts.room = new RoomFacts.Room(UUID.randomUUID(), "Deal", "Prospect", null, null, LocalDate.of(2026, 9, 1),
                "EVALUATION", "OPEN", OPENED);
        facts.groups.addAll(List.of(new RoomFacts.Group(proof, "proof", "Proof of concept", "WORKSTREAM", OPENED),
                new RoomFacts.Group(contracts, "contracts", "Contracts", "WORKSTREAM", OPENED),
                new RoomFacts.Group(walkAway, null, "Walk-away price 90k", "CUSTOM", OPENED.plusSeconds(1)),
                new RoomFacts.Group(shortlist, null, "Shortlist", "WORKSTREAM", OPENED.plusSeconds(2))));
        facts.members.add(new RoomFacts.Member(owner, "o@example.test", "Olga Owner", null, "SELLER", false, true));
        facts.members.add(new RoomFacts.Member(buyer, "b@example.test", "Bert Buyer", "CFO", "BUYER", false, false));
        facts.groupMembers.put(proof, Set.of(owner, buyer));
        facts.groupMembers.put(contracts, Set.of(buyer));
        facts.groupMembers.put(walkAway, Set.of(buyer));
        facts.groupMembers.put(shortlist, Set.of(buyer));
        facts.tasks.put(walkAway, new RoomFacts.TaskFigures(2, 0, 1, 1, null));
        facts.owned.add(new RoomFacts.Owned(buyer, walkAway, 2, 1));
        facts.owned.add(new RoomFacts.Owned(buyer, contracts, 1, 1));
        facts.tasks.put(contracts, new RoomFacts.TaskFigures(1, 0, 1, 0, null));
        RoomFacts.KeyUpdate ceiling = new RoomFacts.KeyUpdate(7, walkAway, "post.created", NOW.minusDays(3).toInstant());
        facts.keyUpdates.add(ceiling);
        facts.owedBy.put(ceiling.seq(), Set.of(buyer));
        facts.markers.add(new RoomFacts.Marker(buyer, walkAway, 3, NOW.minusHours(1).toInstant()));
        return facts;
    }

    @Test
    void aGroupPeopleNamedIsAPrivateGroupToSteeringOutsideItAndTiedToNobody() {
        Set<UUID> all = Set.of(proof, contracts, walkAway, shortlist);
        ProgressView view = calculator.calculate(room(), true, all, Set.of(proof), NOW);

        ProgressView.GroupProgress walk = group(view, walkAway);
        assertNull(walk.name());
        assertEquals("Private group 1", walk.label());
        assertEquals("CUSTOM", walk.kind());
        assertEquals(1, walk.tasksOverdue());
        assertEquals(1, walk.keyUpdatesNotSeenByAll());
        assertEquals("Private group 2", group(view, shortlist).label());
        assertEquals("Contracts", group(view, contracts).name(), "a default group keeps its fixed name");

        List<String> reasons = view.health().reasons().stream().map(ProgressView.Reason::text).toList();
        assertTrue(reasons.contains("1 task overdue in Private group 1"), reasons.toString());
        assertTrue(reasons.contains("1 task blocked in Private group 1"), reasons.toString());
        assertTrue(reasons.contains("The announcement in Private group 1 has not been seen by all its members for"
                + " 3 days"), reasons.toString());
        assertFalse(reasons.stream().anyMatch(text -> text.contains("Walk-away") || text.contains("Shortlist")
                || text.contains("Bert")), reasons.toString());

        ProgressView.StakeholderProgress bert = view.stakeholders().stream()
                .filter(row -> row.memberId().equals(buyer.toString())).findFirst().orElseThrow();
        assertEquals(List.of(contracts, proof).stream().map(UUID::toString).sorted().toList(), bert.groupIds());
        assertEquals(1, bert.tasksOwned(), "contracts' task only");
        assertEquals(1, bert.tasksOverdue());
        assertEquals(0, bert.keyUpdatesNotSeen());
        assertNull(bert.lastSeen(), "a read in a private group is not told");
    }

    @Test
    void itsMembersSeeItAsItIs() {
        Set<UUID> all = Set.of(proof, contracts, walkAway, shortlist);
        ProgressView view = calculator.calculate(room(), false, all, all, NOW);

        assertEquals("Walk-away price 90k", group(view, walkAway).name());
        assertEquals("Walk-away price 90k", group(view, walkAway).label());
        assertTrue(view.health().reasons().stream().map(ProgressView.Reason::text).toList().contains(
                "Bert Buyer (CFO) has not seen the announcement in Walk-away price 90k for 3 days"));
    }

    @Test
    void thePipelinesSummaryIsTheViewsHealthAndReadsOnlyWhatThePipelineLoads() {
        Set<UUID> all = Set.of(proof, contracts, walkAway, shortlist);
        for (Set<UUID> visible : List.of(Set.of(proof), all)) {
            RoomFacts whole = withMilestones(room());
            ProgressView view = calculator.calculate(whole, true, all, visible, NOW);
            // As RoomFactsLoader.addHealth loads it: of the task figures, open tasks' only; no tasks per owner,
            // read markers, sign-offs, done milestones, others' groups, other groups' last activity than
            // workstreams', nor members who owe no key update.
            RoomFacts partial = withMilestones(room());
            partial.tasks.replaceAll((group, tasks) -> RoomFacts.TaskFigures.health(tasks.overdue(), tasks.blocked()));
            partial.members.removeIf(member -> partial.owedBy.values().stream()
                    .noneMatch(owing -> owing.contains(member.id())));
            partial.owned.clear();
            partial.markers.clear();
            partial.signoffs.clear();
            partial.groupMembers.clear();
            partial.lastActivity.remove(walkAway);
            partial.milestones.removeIf(milestone -> milestone.status().equals("DONE"));

            ProgressCalculator.Summary summary = calculator.summarise(partial, all, visible, NOW);
            assertEquals(view.health().verdict(), summary.verdict());
            assertEquals(view.health().reasons().size(), summary.reasons(), view.health().reasons().toString());
            assertEquals(LocalDate.of(2026, 10, 1), summary.nextMilestone());
        }
    }

    private RoomFacts withMilestones(RoomFacts facts) {
        facts.milestones.add(new RoomFacts.Milestone(UUID.randomUUID(), proof, "Kick-off", LocalDate.of(2026, 6, 1),
                "DONE"));
        facts.milestones.add(new RoomFacts.Milestone(UUID.randomUUID(), proof, "Pilot", LocalDate.of(2026, 10, 1),
                "TODO"));
        facts.milestones.add(new RoomFacts.Milestone(UUID.randomUUID(), contracts, "Signature",
                LocalDate.of(2026, 11, 1), "IN_PROGRESS"));
        facts.signoffs.put(proof, new RoomFacts.SignoffFigures(1, 0));
        facts.lastActivity.put(walkAway, NOW.minusDays(30).toInstant());
        return facts;
    }

    private static ProgressView.GroupProgress group(ProgressView view, UUID id) {
        return view.groups().stream().filter(group -> group.groupId().equals(id.toString())).findFirst().orElseThrow();
    }
}

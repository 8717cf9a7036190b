package dev.dealroom.committee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;

/** The coverage rules of the buying committee, on their own. */
class CoverageTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration SILENT_AFTER = Duration.ofDays(7);
    private static final Set<CommitteeRole> NEEDED = EnumSet.of(CommitteeRole.ECONOMIC_BUYER, CommitteeRole.CHAMPION,
            CommitteeRole.TECHNICAL_EVALUATOR, CommitteeRole.LEGAL, CommitteeRole.PROCUREMENT);

    private static Coverage.Holder holder(boolean decisionMaker, boolean inBusinessCase, Instant lastActive,
            CommitteeRole... roles) {
        Set<CommitteeRole> set = EnumSet.noneOf(CommitteeRole.class);
        set.addAll(List.of(roles));
        return new Coverage.Holder(UUID.randomUUID(), decisionMaker, inBusinessCase, set, lastActive);
    }

    private static List<String> codes(List<Coverage.Finding> gaps) {
        return gaps.stream().map(gap -> gap.code() + (gap.role() == null ? "" : ":" + gap.role())).toList();
    }

    @Test
    void aCommitteeWithoutRolesIsUnmappedAndHealthCountsNothing() {
        List<Coverage.Holder> buyers = List.of(holder(true, false, NOW), holder(false, false, NOW));
        assertEquals(List.of("committee-unmapped"), codes(Coverage.gaps(buyers, NOW, SILENT_AFTER)));
        assertEquals(List.of(), Coverage.healthGaps(buyers, NOW, SILENT_AFTER));
        assertEquals(List.of("committee-unmapped"), codes(Coverage.gaps(List.of(), NOW, SILENT_AFTER)));
    }

    @Test
    void eachNeededRoleNobodyHoldsIsMissingAndAUserOrAScepticIsNeverMissed() {
        List<Coverage.Holder> buyers = List.of(holder(false, true, NOW, CommitteeRole.CHAMPION));
        assertEquals(List.of("committee-role-missing:ECONOMIC_BUYER", "committee-role-missing:TECHNICAL_EVALUATOR",
                "committee-role-missing:LEGAL", "committee-role-missing:PROCUREMENT"),
                codes(Coverage.healthGaps(buyers, NOW, SILENT_AFTER)));
    }

    @Test
    void aFullyCoveredActiveCommitteeHasNoGap() {
        List<Coverage.Holder> buyers = List.of(
                holder(true, false, NOW, CommitteeRole.ECONOMIC_BUYER),
                holder(false, true, NOW.minus(Duration.ofDays(6)), CommitteeRole.CHAMPION, CommitteeRole.USER),
                holder(false, false, NOW, CommitteeRole.TECHNICAL_EVALUATOR, CommitteeRole.SCEPTIC),
                holder(false, false, NOW, CommitteeRole.LEGAL, CommitteeRole.PROCUREMENT));
        assertEquals(List.of(), Coverage.gaps(buyers, NOW, SILENT_AFTER));
    }

    @Test
    void aRoleIsSilentOnlyWhenEveryHolderIsSilentForTheWholePeriod() {
        Instant eightDaysAgo = NOW.minus(Duration.ofDays(8));
        List<Coverage.Holder> buyers = new ArrayList<>(List.of(
                holder(true, false, NOW, CommitteeRole.ECONOMIC_BUYER),
                holder(false, true, eightDaysAgo, CommitteeRole.CHAMPION),
                holder(false, false, NOW.minus(SILENT_AFTER), CommitteeRole.TECHNICAL_EVALUATOR),
                holder(false, false, NOW.minus(SILENT_AFTER).plusSeconds(1), CommitteeRole.LEGAL,
                        CommitteeRole.PROCUREMENT),
                holder(false, false, eightDaysAgo, CommitteeRole.USER)));
        List<Coverage.Finding> gaps = Coverage.gaps(buyers, NOW, SILENT_AFTER);
        // Exactly seven days is silent; a second less is not; a silent user is not a gap.
        assertEquals(List.of("committee-role-silent:CHAMPION", "committee-role-silent:TECHNICAL_EVALUATOR"),
                codes(gaps));
        assertEquals("The champion has been silent for 8 days", Messages.render(Language.EN, gaps.get(0).text()));
        assertEquals("Le champion est silencieux depuis 8 jours", Messages.render(Language.FR, gaps.get(0).text()));

        // A second champion who is active keeps the role alive.
        buyers.add(holder(false, false, NOW, CommitteeRole.CHAMPION));
        assertEquals(List.of("committee-role-silent:TECHNICAL_EVALUATOR"),
                codes(Coverage.gaps(buyers, NOW, SILENT_AFTER)));
    }

    @Test
    void theChampionMustBeInTheBusinessCaseAndTheEconomicBuyerInSteering() {
        List<Coverage.Holder> buyers = new ArrayList<>(List.of(
                holder(false, false, NOW, CommitteeRole.ECONOMIC_BUYER, CommitteeRole.TECHNICAL_EVALUATOR),
                holder(true, false, NOW, CommitteeRole.CHAMPION, CommitteeRole.LEGAL, CommitteeRole.PROCUREMENT)));
        List<Coverage.Finding> gaps = Coverage.gaps(buyers, NOW, SILENT_AFTER);
        assertEquals(List.of("committee-economic-buyer-outside-steering:ECONOMIC_BUYER",
                "committee-champion-outside-business-case:CHAMPION"), codes(gaps));
        assertEquals("The economic buyer is not in steering", Messages.render(Language.EN, gaps.get(0).text()));
        assertEquals("The champion is not in the business case", Messages.render(Language.EN, gaps.get(1).text()));

        // One holder in place is enough.
        buyers.add(holder(true, true, NOW, CommitteeRole.ECONOMIC_BUYER, CommitteeRole.CHAMPION));
        assertEquals(List.of(), Coverage.gaps(buyers, NOW, SILENT_AFTER));
    }

    @Test
    void missingRolesAreSaidInPlainWordsInBothLanguages() {
        List<Coverage.Finding> gaps = Coverage.gaps(List.of(holder(false, true, NOW, CommitteeRole.CHAMPION)), NOW,
                SILENT_AFTER);
        assertEquals("No economic buyer identified", Messages.render(Language.EN, gaps.get(0).text()));
        assertEquals("Aucun décideur budgétaire identifié", Messages.render(Language.FR, gaps.get(0).text()));
    }

    @Test
    void everyRoleHasWordsInBothLanguagesAndTheNeededOnesAreTheFive() {
        for (CommitteeRole role : CommitteeRole.values()) {
            for (Language language : List.of(Language.EN, Language.FR)) {
                String words = Messages.render(language, dev.dealroom.common.i18n.Text.of(role.messageKey()));
                assertFalse(words.isBlank() || words.equals(role.messageKey()), role + " in " + language);
            }
            assertEquals(NEEDED.contains(role), role.needed(), role.name());
        }
        assertTrue(Coverage.silent(NOW.minus(SILENT_AFTER), NOW, SILENT_AFTER));
        assertFalse(Coverage.silent(NOW.minus(SILENT_AFTER).plusMillis(1), NOW, SILENT_AFTER));
    }
}

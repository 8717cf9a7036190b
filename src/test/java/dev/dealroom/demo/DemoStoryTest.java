package dev.dealroom.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.dealroom.committee.CommitteeService;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.SqlValues;
import dev.dealroom.member.MemberService;
import dev.dealroom.post.PostService;
import dev.dealroom.progress.EngagementAlerts;
import dev.dealroom.progress.EngagementView;
import dev.dealroom.progress.ProgressService;
import dev.dealroom.progress.ProgressView;
import dev.dealroom.progress.ReadService;
import dev.dealroom.room.RoomService;
import dev.dealroom.room.RoomSummary;
import dev.dealroom.task.TaskService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dev server's demo room tells its story truthfully: seeded (with a cast of its own, so runs do not meet) the
 * way dev mode seeds it, its four-day-old announcement is four days old in the post and in its event, and Dana, who
 * wrote it, was last seen then — not "never".
 */
@QuarkusTest
class DemoStoryTest {

    @Inject
    RoomService rooms;
    @Inject
    MemberService members;
    @Inject
    TaskService tasks;
    @Inject
    PostService posts;
    @Inject
    ReadService reads;
    @Inject
    CommitteeService committee;
    @Inject
    ProgressService progress;
    @Inject
    EngagementAlerts alerts;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    private DemoData.Cast cast;

    /** Seeds the demo room for a cast of this test's own, as dev mode seeds it for its fixed one. */
    private String seed() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        cast = new DemoData.Cast("acme-" + suffix + ".example", "northwind-" + suffix + ".example");
        return new DemoData(rooms, members, tasks, posts, reads, committee, em, clock, Optional.empty())
                .createRoom(cast);
    }

    @Test
    void theAnnouncementIsFourDaysOldAndItsAuthorWasSeenThen() {
        String roomId = seed();
        Instant now = clock.instant();

        Object[] announcement = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select p.created_at, e.at, (e.data ->> 'createdAt')::timestamptz from post p"
                        + " join room_event e on e.room_id = p.room_id and e.seq = p.seq"
                        + " where p.room_id = ?1 and p.announcement")
                .setParameter(1, UUID.fromString(roomId)).getSingleResult());
        Instant posted = SqlValues.instant(announcement[0]);
        assertEquals(posted, SqlValues.instant(announcement[1]), "the post and its event agree");
        assertEquals(posted, SqlValues.instant(announcement[2]), "and so does the event's payload");
        assertAbout(Duration.ofDays(4), Duration.between(posted, now));

        // as the owner's coordination view shows it
        ProgressView view = progress.progress(DemoData.caller("sam.seller@" + cast.sellerDomain(), "Sam Seller"), roomId,
                Language.EN);
        ProgressView.StakeholderProgress dana = view.stakeholders().stream()
                .filter(person -> person.name().equals("Dana Decider")).findFirst().orElseThrow();
        assertNotNull(dana.lastSeen(), "Dana wrote the announcement: she has been seen");
        assertTrue(!dana.lastSeen().isBefore(posted), "seen when she wrote it, or after");
        assertAbout(Duration.ofDays(4), Duration.between(dana.lastSeen(), now));

        // the room opened twelve days ago, dressed for the buyer
        RoomSummary room = rooms.get(DemoData.caller("sam.seller@" + cast.sellerDomain(), "Sam Seller"), roomId).room();
        assertAbout(Duration.ofDays(12), Duration.between(room.createdAt(), now));
        assertNotNull(room.welcomeMessage());
        assertNotNull(room.accentColor());
        assertNotNull(room.buyerLogo());
        assertNotNull(room.sellerLogo());
        // and its log reads in order of time as well as of seq
        List<Instant> times = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select at from room_event where room_id = ?1 order by seq").setParameter(1, UUID.fromString(roomId))
                .getResultList().stream().map(SqlValues::instant).toList());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!times.get(i).isBefore(times.get(i - 1)), "event " + (i + 1) + " is not older than the one before");
        }
    }

    @Test
    void theCommitteeLeavesProcurementUncoveredAndItsChampionQuietAndOnlySteeringIsTold() {
        String roomId = seed();
        // as the README tells it
        List<String> story = List.of("1 task overdue in Business case", "Contracts idle for 11 days",
                "Carl Cole (Chief Financial Officer) has not seen the milestone change in Everyone for 11 days",
                "Carl Cole (Chief Financial Officer) has not seen the announcement in Business case for 4 days",
                "The champion has been silent for 11 days", "No procurement contact identified");
        for (var steering : List.of(cast.seller(), cast.decider())) {
            ProgressView.Health health = progress.progress(steering, roomId, Language.EN).health();
            assertEquals(ProgressView.Verdict.AT_RISK, health.verdict());
            assertEquals(story, health.reasons().stream().map(ProgressView.Reason::text).toList(), steering.name());
        }
        var ivan = DemoData.caller(cast.buyer("ivan.it"), "Ivan Ilic");
        assertEquals(List.of("Carl Cole (Chief Financial Officer) has not seen the milestone change in Everyone for 11 days"),
                 progress.progress(ivan, roomId, Language.EN)
                .health().reasons().stream().map(ProgressView.Reason::text).toList(), "Ivan is told of his groups only");
    }

    @Test
    void carlTheChampionHasGoneQuietAndTheOwnerIsToldOnce() {
        String roomId = seed();
        Map<String, EngagementView.Level> levels = progress.engagement(cast.seller(), roomId, Language.EN)
                .stakeholders().stream().collect(Collectors.toMap(EngagementView.Stakeholder::name,
                        EngagementView.Stakeholder::level));
        assertEquals(Map.of("Dana Decider", EngagementView.Level.ENGAGED, "Ivan Ilic", EngagementView.Level.COOLING,
                "Lena Lind", EngagementView.Level.ENGAGED, "Carl Cole", EngagementView.Level.QUIET), levels);

        alerts.check();
        alerts.check();
        List<?> told = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select e.data ->> 'kind' from room_event e where e.room_id = ?1 and e.type = 'engagement.alert'"
                        + " and e.data ->> 'buyerName' = 'Carl Cole'").setParameter(1, UUID.fromString(roomId))
                .getResultList());
        assertEquals(List.of("QUIET"), told, "Sam is told once that Carl went quiet");
    }

    private static void assertAbout(Duration expected, Duration actual) {
        assertTrue(actual.minus(expected).abs().compareTo(Duration.ofHours(1)) < 0,
                "expected about " + expected + ", was " + actual);
    }
}

package dev.dealroom.progress;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import dev.dealroom.support.TestClock;
import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Engagement signals (visits and reads), sealed to the steering group, and the owner's alerts about key buyers. The
 * server's clock is fixed in 2019, before any visit other tests record, so the alert check (which looks at every room)
 * finds this test's rooms only.
 */
@QuarkusTest
class EngagementTest {

    private static final Instant MONDAY = Instant.parse("2019-03-04T09:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    EngagementAlerts alerts;

    @BeforeEach
    void fixTheClock() {
        clock.fix(MONDAY, ZoneOffset.UTC);
    }

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    @Test
    void openingTheRoomIsAVisitAndOpeningsWithinHalfAnHourAreTheSameVisit() {
        DealRoomFixture room = new DealRoomFixture();
        open(room.groupMember, room);
        clock.advance(Duration.ofMinutes(10));
        open(room.groupMember, room);
        open(room.groupMember, room);
        assertEquals(1, row(room, room.groupMemberId).getInt("visits14d"));

        clock.advance(Duration.ofMinutes(31));
        open(room.groupMember, room);
        clock.advance(Duration.ofDays(1));
        open(room.groupMember, room);
        JsonPath buyer = row(room, room.groupMemberId);
        assertEquals(3, buyer.getInt("visits14d"));
        assertEquals(MONDAY.plus(Duration.ofMinutes(41)).plus(Duration.ofDays(1)).toString(), buyer.getString("lastVisit"));
        assertEquals("ENGAGED", buyer.getString("level"));

        // the last 14 days, today included: thirteen days on, Monday is out of them, fourteen days on, Tuesday too
        clock.advance(Duration.ofDays(13));
        buyer = row(room, room.groupMemberId);
        assertEquals(1, buyer.getInt("visits14d"));
        assertEquals("QUIET", buyer.getString("level"));
        assertEquals("No visit for 13 days", buyer.getString("reasons[0].text"));
        clock.advance(Duration.ofDays(1));
        assertEquals(0, row(room, room.groupMemberId).getInt("visits14d"));
        // reading the room is not entering it: a client's reload after a reconnection records nothing
        clock.advance(Duration.ofHours(1));
        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then().statusCode(200);
        assertEquals(0, row(room, room.groupMemberId).getInt("visits14d"));
        // the seller's side has no row; a buyer who never came is NOT_YET_VISITED
        room.owner.api().get("/api/rooms/{r}/engagement", room.roomId).then().statusCode(200)
                .body("stakeholders.memberId", not(hasItem(ownerId(room))))
                .body("stakeholders.find { it.memberId == '" + room.outsiderId + "' }.level", equalTo("NOT_YET_VISITED"))
                .body("stakeholders.find { it.memberId == '" + room.outsiderId + "' }.lastVisit", nullValue());
    }

    @Test
    void signalsCountKeyUpdatesSeenAndTasksDoneOnTimeWithReasonsInBothLanguages() {
        DealRoomFixture room = new DealRoomFixture();
        open(room.groupMember, room);
        long first = announce(room, "Pricing is out");
        announce(room, "Pilot dates moved");
        room.groupMember.api().body(Map.of("seq", first)).put("/api/rooms/{r}/groups/proof/read", room.roomId).then()
                .statusCode(200);
        String onTime = task(room, "Send the data sample", "2019-03-06");
        task(room, "Name the pilot users", "2019-03-05");
        task(room, "Sign the order", "2019-04-30");
        clock.advance(Duration.ofDays(1)); // Tuesday: the sample is done early, the users never named
        room.groupMember.api().body(Map.of("status", "DONE"))
                .patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, onTime).then().statusCode(200);
        clock.advance(Duration.ofDays(3)); // Friday

        JsonPath buyer = row(room, room.groupMemberId);
        assertEquals(2, buyer.getInt("keyUpdatesDue"));
        assertEquals(1, buyer.getInt("keyUpdatesSeen"));
        assertEquals(0.5, buyer.getDouble("keyUpdatesSeenShare"));
        assertEquals(2, buyer.getInt("tasksDue"));
        assertEquals(1, buyer.getInt("tasksOnTime"));
        assertEquals("COOLING", buyer.getString("level"));
        assertEquals(List.of("No visit for 4 days", "1 visit in the last 14 days", "Has seen 1 of 2 key updates",
                "Did 1 of 2 due tasks on time"), buyer.getList("reasons.text"));
        assertEquals(List.of("engagement-no-visit", "engagement-visits", "engagement-key-updates-seen",
                "engagement-tasks-on-time"), buyer.getList("reasons.code"));
        List<String> french = room.decisionMaker.api().header("Accept-Language", "fr")
                .get("/api/rooms/{r}/engagement", room.roomId).then().statusCode(200).extract().jsonPath()
                .getList("stakeholders.find { it.memberId == '" + room.groupMemberId + "' }.reasons.text");
        assertEquals(List.of("Aucune visite depuis 4 jours", "1 visite ces 14 derniers jours",
                "Mises à jour clés vues\u00a0: 1 sur 2", "Tâches échues faites à temps\u00a0: 1 sur 2"), french);
    }

    @Test
    void onlyTheOwnerAndTheDecisionMakersSeeEngagement() {
        DealRoomFixture room = new DealRoomFixture();
        Person seller = Person.random("presales");
        room.addMember(room.owner, seller, "SELLER", false, "proof");
        room.owner.api().get("/api/rooms/{r}/engagement", room.roomId).then().statusCode(200);
        room.decisionMaker.api().get("/api/rooms/{r}/engagement", room.roomId).then().statusCode(200);
        room.groupMember.api().get("/api/rooms/{r}/engagement", room.roomId).then().statusCode(403)
                .body("code", equalTo("forbidden"));
        seller.api().get("/api/rooms/{r}/engagement", room.roomId).then().statusCode(403);
        room.stranger.api().get("/api/rooms/{r}/engagement", room.roomId).then().statusCode(404);
    }

    @Test
    void theOwnerIsToldOnceWhenAKeyBuyerGoesQuietAndOnceWhenTheyAreBackAndNobodyElseIs() {
        DealRoomFixture room = new DealRoomFixture();
        String ownerId = ownerId(room);
        open(room.decisionMaker, room); // a key buyer: a buyer-side decision-maker
        open(room.groupMember, room); // not a key buyer (no committee role)
        clock.advance(Duration.ofDays(7).minusMinutes(1));
        alerts.check();
        long seq = room.seq();
        try (LiveClient owner = LiveClient.connect(room.owner, room.roomId, seq);
                LiveClient decisionMaker = LiveClient.connect(room.decisionMaker, room.roomId, seq);
                LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, seq)) {
            owner.replay();
            decisionMaker.replay();
            buyer.replay();
            clock.advance(Duration.ofMinutes(1));
            alerts.check();
            alerts.check();
            room.owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);

            List<Map<String, Object>> toOwner = owner.until(m -> "room.updated".equals(m.get("type")));
            assertEquals(List.of("engagement.alert", "room.updated"), toOwner.stream().map(m -> m.get("type")).toList());
            Map<?, ?> alert = (Map<?, ?>) toOwner.get(0).get("data");
            assertEquals(ownerId, alert.get("memberId"));
            assertEquals(room.decisionMakerId, alert.get("buyerId"));
            assertEquals("QUIET", alert.get("kind"));
            assertEquals(7, ((Number) alert.get("days")).intValue());
            for (LiveClient other : List.of(decisionMaker, buyer)) {
                assertEquals(List.of("room.updated"), other.until(m -> "room.updated".equals(m.get("type"))).stream()
                        .map(m -> m.get("type")).toList());
            }
        }
        for (Person other : List.of(room.decisionMaker, room.groupMember)) {
            other.api().get("/api/rooms/{r}/events?since=0", room.roomId).then().statusCode(200)
                    .body("events.type", not(hasItem("engagement.alert")));
        }
        List<Mail> quiet = mails(room.owner, "has not visited");
        assertEquals(1, quiet.size());
        assertTrue(quiet.get(0).getSubject().startsWith(room.decisionMaker.name() + " has not visited Fixture room for 7 days"),
                quiet.get(0).getSubject());
        assertTrue(quiet.get(0).getText().contains("since 4 March 2019"), quiet.get(0).getText());
        assertTrue(quiet.get(0).getText().contains("#/rooms/" + room.roomId + "/coordination"));
        for (Person other : List.of(room.decisionMaker, room.groupMember, room.outsider)) {
            assertEquals(0, SentMails.to(other.email()).stream()
                    .filter(mail -> mail.getSubject().contains("visit") || mail.getSubject().contains("back")).count());
        }

        clock.advance(Duration.ofDays(2));
        open(room.decisionMaker, room);
        alerts.check();
        alerts.check();
        room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId).then().statusCode(200)
                .body("events.findAll { it.type == 'engagement.alert' }.data.kind", contains("QUIET", "BACK"));
        assertEquals(1, mails(room.owner, "is back").size());
        // quiet again: a new transition, told again
        clock.advance(Duration.ofDays(8));
        alerts.check();
        assertEquals(2, mails(room.owner, "has not visited").size());
    }

    @Test
    void aChampionIsAKeyBuyerAClosedRoomAlertsNobodyAndTheOwnerMayTurnTheEmailsOff() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("roles", List.of("CHAMPION"))).put("/api/rooms/{r}/committee/{m}", room.roomId,
                room.groupMemberId).then().statusCode(200);
        room.owner.api().body(Map.of("mentions", true, "nudges", true, "signoffRequests", true, "digest", true,
                "engagementAlerts", false)).put("/api/rooms/{r}/notifications", room.roomId).then().statusCode(200)
                .body("engagementAlerts", equalTo(false));
        // a client that does not know the setting leaves it as it is
        room.owner.api().body(Map.of("mentions", true, "nudges", true, "signoffRequests", true, "digest", true))
                .put("/api/rooms/{r}/notifications", room.roomId).then().statusCode(200)
                .body("engagementAlerts", equalTo(false));
        open(room.groupMember, room);
        DealRoomFixture closed = new DealRoomFixture();
        open(closed.decisionMaker, closed);
        closed.owner.api().body(Map.of("status", "LOST", "closeReason", "Budget cut")).patch("/api/rooms/{r}",
                closed.roomId).then().statusCode(200);
        clock.advance(Duration.ofDays(8));
        alerts.check();
        // a buyer entering the closed room makes no visit: nothing would read it
        closed.decisionMaker.api().post("/api/rooms/{r}/visits", closed.roomId).then().statusCode(200)
                .body("counted", equalTo(false));
        assertEquals(1, row(closed, closed.decisionMakerId).getInt("visits14d"), "the visit before the closing only");

        room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId).then().statusCode(200)
                .body("events.findAll { it.type == 'engagement.alert' }.data.buyerId", contains(room.groupMemberId));
        assertEquals(0, mails(room.owner, "has not visited").size());
        closed.owner.api().get("/api/rooms/{r}/events?since=0", closed.roomId).then().statusCode(200)
                .body("events.type", not(hasItem("engagement.alert")));
        assertEquals(0, mails(closed.owner, "has not visited").size());
    }

    @Test
    void twoChecksAtOnceTellTheOwnerOnce() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        open(room.decisionMaker, room);
        clock.advance(Duration.ofDays(8));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            Callable<Integer> check = () -> {
                gate.await();
                return alerts.check();
            };
            List<Future<Integer>> runs = List.of(pool.submit(check), pool.submit(check));
            gate.countDown();
            for (Future<Integer> run : runs) {
                run.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId).then().statusCode(200)
                .body("events.findAll { it.type == 'engagement.alert' }.data.kind", contains("QUIET"));
        assertEquals(1, mails(room.owner, "has not visited").size());
    }

    /** The person's client enters the room, as the web page tells it. */
    private static void open(Person person, DealRoomFixture room) {
        person.api().post("/api/rooms/{r}/visits", room.roomId).then().statusCode(200).body("counted", equalTo(true));
    }

    /** The member's row of the owner's engagement view. */
    private static JsonPath row(DealRoomFixture room, String memberId) {
        String json = room.owner.api().get("/api/rooms/{r}/engagement", room.roomId).then().statusCode(200)
                .extract().asString();
        return new JsonPath(json).setRootPath("stakeholders.find { it.memberId == '" + memberId + "' }");
    }

    private static String ownerId(DealRoomFixture room) {
        return room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
    }

    private static long announce(DealRoomFixture room, String body) {
        room.owner.api().body(Map.of("body", body, "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        return room.seq();
    }

    private static String task(DealRoomFixture room, String title, String due) {
        return room.owner.api().body(Map.of("title", title, "dueDate", due, "ownerId", room.groupMemberId))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201).extract().path("id");
    }

    private static List<Mail> mails(Person to, String subject) {
        return SentMails.to(to.email()).stream().filter(mail -> mail.getSubject().contains(subject)).toList();
    }
}

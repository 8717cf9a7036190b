package dev.dealroom.event.live;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/** Invariants 1-3 over the WebSocket: live, resumable without loss or doubles, filtered per member. */
@QuarkusTest
class LiveEventsTest {

    @Inject
    DataSource dataSource;

    @Inject
    RoomHub hub;

    @Test
    void aConnectedMemberSeesAChangeMadeThroughRestByAnother() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, seq)) {
            assertEquals(List.of(), buyer.replay());

            room.decisionMaker.api().body(Map.of("stage", "NEGOTIATION")).patch("/api/rooms/{r}", room.roomId)
                    .then().statusCode(200);

            Map<String, Object> event = buyer.nextOfType("room.updated");
            assertEquals(seq + 1, ((Number) event.get("seq")).longValue());
            assertEquals(room.roomId, event.get("roomId"));
            assertEquals(null, event.get("groupId"));
            assertEquals(room.decisionMakerId, ((Map<?, ?>) event.get("actor")).get("memberId"));
            assertEquals("NEGOTIATION", ((Map<?, ?>) event.get("data")).get("stage"));
            assertTrue(event.get("at").toString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        }
    }

    /**
     * A post reaches each member of its group as one frame encoded once, written straight to each socket by its
     * event loop (not through websockets-next's strings): the same text, accents and all, for every receiver.
     */
    @Test
    void aPostReachesEveryGroupMemberAsTheSameTextWrittenStraightToTheirSockets() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        String body = "Réunion à 14 h — ça vous va ? ✓ 会议";
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, seq);
                LiveClient owner = LiveClient.connect(room.owner, room.roomId, seq);
                LiveClient outsider = LiveClient.connect(room.outsider, room.roomId, seq)) {
            buyer.replay();
            owner.replay();
            outsider.replay();

            room.decisionMaker.api().body(Map.of("body", body)).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                    .then().statusCode(201);
            sentinel(room, "PROPOSAL");

            for (LiveClient member : List.of(buyer, owner)) {
                List<Map<String, Object>> seen = member.until(LiveEventsTest::isSentinel);
                assertEquals(List.of("post.created", "room.updated"), types(seen));
                assertEquals(body, ((Map<?, ?>) seen.get(0).get("data")).get("body"));
            }
            assertEquals(List.of("room.updated"), types(outsider.until(LiveEventsTest::isSentinel)),
                    "not in proof: not sent");
        }
        assertEquals(0, hub.connectionsWithoutDirectWrites(), "every socket is written directly");
    }

    /**
     * An event committed here is handed to the drain by its commit; one committed on another node (here: written
     * behind the server's back, with no notification) is only in the log. When the one handed over follows the other,
     * the drain must read the gap from the log first: in order, each once.
     */
    @Test
    void anEventCommittedElsewhereJustBeforeOneCommittedHereArrivesFirst() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of("body", "Kick-off")).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201);
        long seq = room.seq();
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, seq)) {
            assertEquals(List.of(), buyer.replay());
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement elsewhere = connection.prepareStatement("with bumped as (update room"
                            + " set last_seq = last_seq + 1 where id = cast(? as uuid) returning id, last_seq)"
                            + " insert into room_event (room_id, seq, type, actor_name, at, data, key_update)"
                            + " select id, last_seq, 'room.updated', 'Another node', now(), '{}', false from bumped")) {
                elsewhere.setString(1, room.roomId);
                assertEquals(1, elsewhere.executeUpdate());
            }

            room.groupMember.api().body(Map.of("body", "Handed over")).post("/api/rooms/{r}/groups/proof/posts",
                    room.roomId).then().statusCode(201).body("seq", equalTo((int) seq + 2));

            List<Map<String, Object>> live = buyer.until(event -> event.get("seq") instanceof Number at
                    && at.longValue() == seq + 2);
            assertEquals(List.of(seq + 1, seq + 2), live.stream().map(LiveEventsTest::seqOf).toList());
            assertEquals("Handed over", ((Map<?, ?>) live.get(1).get("data")).get("body"));
        }
    }

    @Test
    void reconnectingWithSinceDeliversExactlyTheMissedEventsInOrderOnce() {
        DealRoomFixture room = new DealRoomFixture();
        long seen;
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, 0)) {
            List<Map<String, Object>> history = buyer.replay();
            seen = seqOf(history.get(history.size() - 1));
            assertEquals(room.seq(), seen);
        }
        List<String> stages = List.of("PROPOSAL", "NEGOTIATION", "CLOSING", "PROPOSAL", "NEGOTIATION");
        for (String stage : stages) {
            room.owner.api().body(Map.of("stage", stage)).patch("/api/rooms/{r}", room.roomId).then().statusCode(200);
        }

        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, seen)) {
            List<Map<String, Object>> missed = buyer.replay();
            assertEquals(List.of(seen + 1, seen + 2, seen + 3, seen + 4, seen + 5),
                    missed.stream().map(LiveEventsTest::seqOf).toList());
            assertEquals(stages, missed.stream().map(event -> ((Map<?, ?>) event.get("data")).get("stage")).toList());

            room.owner.api().body(Map.of("status", "ON_HOLD")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);
            Map<String, Object> live = buyer.nextOfType("room.updated");
            assertEquals(seen + 6, seqOf(live), "the first live event follows the replay with no gap or double");
        }
    }

    @Test
    void groupEventsReachOnlyTheGroupsMembersAndRemovalStopsThemAtOnce() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        try (LiveClient insider = LiveClient.connect(room.outsider, room.roomId, seq);
                LiveClient outsider = LiveClient.connect(room.groupMember, room.roomId, seq)) {
            insider.replay();
            outsider.replay();

            // The fixture's "outsider" is in contracts; its "groupMember" (a proof buyer) is not.
            room.owner.api().put("/api/rooms/{r}/groups/contracts/members/{m}", room.roomId, room.decisionMakerId)
                    .then().statusCode(200);
            room.owner.api().delete("/api/rooms/{r}/groups/contracts/members/{m}", room.roomId, room.decisionMakerId)
                    .then().statusCode(204);
            sentinel(room, "PROPOSAL");

            List<String> insiderSaw = types(insider.until(LiveEventsTest::isSentinel));
            List<String> outsiderSaw = types(outsider.until(LiveEventsTest::isSentinel));
            assertEquals(List.of("group.member_added", "group.member_removed", "room.updated"), insiderSaw);
            assertEquals(List.of("room.updated"), outsiderSaw);

            // Taken out of contracts: told so, then nothing more of contracts.
            room.owner.api().delete("/api/rooms/{r}/groups/contracts/members/{m}", room.roomId, room.outsiderId)
                    .then().statusCode(204);
            room.owner.api().put("/api/rooms/{r}/groups/contracts/members/{m}", room.roomId, room.decisionMakerId)
                    .then().statusCode(200);
            sentinel(room, "NEGOTIATION");
            List<Map<String, Object>> after = insider.until(LiveEventsTest::isSentinel);
            assertEquals(List.of("group.member_removed", "room.updated"), types(after));
            assertEquals(room.outsiderId, ((Map<?, ?>) after.get(0).get("data")).get("memberId"));
        }
    }

    @Test
    void memberAddedNamesOnlyTheGroupsTheRecipientIsIn() {
        DealRoomFixture room = new DealRoomFixture();
        try (LiveClient proofBuyer = LiveClient.connect(room.groupMember, room.roomId, room.seq())) {
            proofBuyer.replay();
            String newcomer = room.addMember(room.owner, Person.random("cfo"), "BUYER", false, "proof",
                    "business-case");
            Map<String, Object> added = proofBuyer.nextOfType("member.added");
            Map<?, ?> data = (Map<?, ?>) added.get("data");
            assertEquals(newcomer, data.get("id"));
            String everyone = groupId(room, "everyone");
            assertEquals(List.of(everyone, room.proofId).stream().sorted().toList(), data.get("groupIds"));
        }
    }

    @Test
    void aMemberRemovedFromTheRoomIsToldAndDisconnected() {
        DealRoomFixture room = new DealRoomFixture();
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, room.seq())) {
            buyer.replay();
            room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, room.groupMemberId).then()
                    .statusCode(204);
            Map<String, Object> removed = buyer.nextOfType("member.removed");
            assertEquals(room.groupMemberId, ((Map<?, ?>) removed.get("data")).get("memberId"));
            assertEquals(4403, buyer.awaitClose());
        }
    }

    @Test
    void theUpgradeAdmitsOnlyMembersWithAValidCredentialFromAnAllowedOrigin() {
        DealRoomFixture room = new DealRoomFixture();
        String token = "Bearer " + room.groupMember.token();
        assertEquals(401, LiveClient.refusal(room.roomId, "", Map.of()));
        assertEquals(401, LiveClient.refusal(room.roomId, "", Map.of("Authorization", "Bearer not.a.jwt")));
        assertEquals(401, LiveClient.refusal(room.roomId, "",
                Map.of("Authorization", "Bearer " + room.groupMember.idToken())), "an ID token is no access token");
        assertEquals(404, LiveClient.refusal(room.roomId, "",
                Map.of("Authorization", "Bearer " + room.stranger.token())));
        assertEquals(404, LiveClient.refusal("not-a-room", "", Map.of("Authorization", token)));
        assertEquals(403, LiveClient.refusal(room.roomId, "",
                Map.of("Authorization", token, "Origin", "https://evil.example.com")));
        assertEquals(400, LiveClient.refusal(room.roomId, "?since=yesterday", Map.of("Authorization", token)));
        assertEquals(101, LiveClient.refusal(room.roomId, "",
                Map.of("Authorization", token, "Origin", "http://localhost:" + io.restassured.RestAssured.port)));
    }

    @Test
    void aTicketOpensTheSocketOnceForItsRoomOnly() {
        DealRoomFixture room = new DealRoomFixture();
        String otherRoom = new DealRoomFixture().roomId;
        String ticket = room.groupMember.api().post("/api/rooms/{r}/live-tickets", room.roomId).then()
                .statusCode(201).extract().path("ticket");
        String forOther = room.groupMember.api().post("/api/rooms/{r}/live-tickets", room.roomId).then()
                .statusCode(201).extract().path("ticket");

        assertEquals(401, LiveClient.refusal(otherRoom, "?ticket=" + forOther, Map.of()));
        try (LiveClient browser = LiveClient.open(room.roomId, "?ticket=" + ticket, Map.of())) {
            browser.replay();
        }
        assertEquals(401, LiveClient.refusal(room.roomId, "?ticket=" + ticket, Map.of()), "a ticket works once");
        assertEquals(401, LiveClient.refusal(room.roomId, "?ticket=forged", Map.of()));
    }

    @Test
    void presenceCountsEachMemberOnceWhateverTheirTabs() {
        DealRoomFixture room = new DealRoomFixture();
        String ownerId = room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
        try (LiveClient owner = LiveClient.connect(room.owner, room.roomId, room.seq())) {
            assertEquals(List.of(ownerId), owner.nextOfType("presence").get("online"));
            LiveClient tab1 = LiveClient.connect(room.groupMember, room.roomId, room.seq());
            assertEquals(sorted(ownerId, room.groupMemberId), owner.nextOfType("presence").get("online"));
            LiveClient tab2 = LiveClient.connect(room.groupMember, room.roomId, room.seq());
            assertEquals(sorted(ownerId, room.groupMemberId), tab2.nextOfType("presence").get("online"));

            tab1.close();
            tab2.close();
            assertEquals(List.of(ownerId), owner.nextOfType("presence").get("online"));
        }
    }

    @Test
    void restReplayIsTheSameFilteredLog() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().put("/api/rooms/{r}/groups/contracts/members/{m}", room.roomId, room.decisionMakerId)
                .then().statusCode(200);
        List<String> ownerTypes = room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId).then()
                .statusCode(200).body("resync", equalTo(false)).extract().path("events.type");
        List<String> buyerTypes = room.groupMember.api().get("/api/rooms/{r}/events?since=0", room.roomId).then()
                .statusCode(200).extract().path("events.type");
        List<String> joined = List.of("member.added", "invitation.sent");
        List<String> everyone = new ArrayList<>(List.of("room.created"));
        for (int i = 0; i < 3; i++) {
            everyone.addAll(joined);
        }
        List<String> withContracts = new ArrayList<>(everyone);
        withContracts.add("group.member_added");
        assertEquals(withContracts, ownerTypes);
        assertEquals(everyone, buyerTypes);

        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, 0)) {
            assertEquals(buyerTypes, types(buyer.replay()));
        }
        room.groupMember.api().get("/api/rooms/{r}/events?since=1&limit=2", room.roomId).then()
                .statusCode(200)
                .body("events.seq", equalTo(List.of(2, 3)))
                .body("seq", equalTo(3));
        room.stranger.api().get("/api/rooms/{r}/events", room.roomId).then().statusCode(404);
        room.owner.api().get("/api/rooms/{r}/events?since=soon", room.roomId).then().statusCode(400)
                .body("errors.field", equalTo(List.of("since")));
        room.owner.api().get("/api/rooms/{r}/events?limit=0", room.roomId).then().statusCode(400);
    }

    @Test
    void aSocketClosesWhenTheLoginItWasOpenedWithExpiresSoTheClientRenewsIt() {
        DealRoomFixture room = new DealRoomFixture();
        String shortLived = room.groupMember.tokenExpiringAt(Instant.now().plusSeconds(2));
        try (LiveClient bearer = LiveClient.open(room.roomId, "?since=0", Map.of("Authorization", "Bearer " + shortLived))) {
            bearer.nextOfType("ready");
            assertEquals(4401, bearer.awaitClose());
        }

        String ticket = io.restassured.RestAssured.given()
                .auth().oauth2(room.groupMember.tokenExpiringAt(Instant.now().plusSeconds(2)))
                .post("/api/rooms/{r}/live-tickets", room.roomId).then().statusCode(201).extract().path("ticket");
        try (LiveClient viaTicket = LiveClient.open(room.roomId, "?since=0&ticket=" + ticket, Map.of())) {
            viaTicket.nextOfType("ready");
            assertEquals(4401, viaTicket.awaitClose());
        }

    }

    @Test
    void aClientAheadOfTheLogIsToldToResync() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        try (LiveClient client = LiveClient.connect(room.owner, room.roomId, seq + 100)) {
            Map<String, Object> resync = client.nextOfType("resync");
            assertEquals(seq, seqOf(resync));
            assertEquals(seq, seqOf(client.nextOfType("ready")));
        }
        room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, seq + 100).then()
                .body("resync", equalTo(true)).body("seq", equalTo((int) seq)).body("events.size()", equalTo(0));
        assertFalse(room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, seq).then()
                .extract().<Boolean>path("resync"));
    }

    @Test
    void anEventNobodyWasWokenForStillArrivesThroughTheCatchUp() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        try (LiveClient buyer = LiveClient.connect(room.groupMember, room.roomId, seq)) {
            buyer.replay();
            // As another node would leave it if it died between its commit and its NOTIFY.
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement append = connection.prepareStatement("with bumped as ("
                            + " update room set last_seq = last_seq + 1 where id = ? returning id, last_seq)"
                            + " insert into room_event (room_id, seq, type, actor_name, at, data)"
                            + " select id, last_seq, 'room.updated', 'Another node', now(), '{\"stage\": \"CLOSING\"}'"
                            + " from bumped")) {
                append.setObject(1, UUID.fromString(room.roomId));
                assertEquals(1, append.executeUpdate());
            }
            Map<String, Object> event = buyer.nextOfType("room.updated");
            assertEquals(seq + 1, seqOf(event));
            assertEquals("Another node", ((Map<?, ?>) event.get("actor")).get("name"));
        }
    }

    private static void sentinel(DealRoomFixture room, String stage) {
        room.owner.api().body(Map.of("stage", stage)).patch("/api/rooms/{r}", room.roomId).then().statusCode(200);
    }

    private static boolean isSentinel(Map<String, Object> message) {
        return "room.updated".equals(message.get("type"));
    }

    private static List<String> types(List<Map<String, Object>> messages) {
        return messages.stream().map(message -> (String) message.get("type")).toList();
    }

    private static long seqOf(Map<String, Object> message) {
        return ((Number) message.get("seq")).longValue();
    }

    private static List<String> sorted(String... ids) {
        return List.of(ids).stream().sorted().toList();
    }

    private static String groupId(DealRoomFixture room, String key) {
        return room.owner.api().get("/api/rooms/{r}/groups/{g}", room.roomId, key).then().extract().path("id");
    }
}

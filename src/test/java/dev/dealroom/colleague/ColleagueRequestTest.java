package dev.dealroom.colleague;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Champion requests: a buyer asks to bring in a colleague, the owner or a decision-maker approves (the colleague
 * becomes a member and is invited) or declines, the requester may withdraw; every step is an event that reaches the
 * managers and the requester only.
 */
@QuarkusTest
class ColleagueRequestTest {

    private static final String REQUESTS = "/api/rooms/{r}/colleague-requests";

    @Test
    void approvingAddsTheColleagueWhereAskedAndSendsTheInvitation() {
        DealRoomFixture room = new DealRoomFixture();
        Person colleague = Person.random("colleague");
        String id = ask(room, room.groupMember, colleague, List.of("proof"));
        assertTrue(SentMails.to(colleague.email()).isEmpty(), "nobody is invited before a manager approves");
        int requesterMails = SentMails.to(room.groupMember.email()).size();

        String memberId = room.owner.api().body(Map.of("decision", "APPROVED"))
                .post(REQUESTS + "/{q}/decision", room.roomId, id).then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("decidedById", notNullValue())
                .body("memberId", notNullValue())
                .extract().path("memberId");

        Map<String, Object> member = room.owner.api().get("/api/rooms/{r}/members", room.roomId).then()
                .statusCode(200).extract().path("find { it.id == '" + memberId + "' }");
        assertEquals(colleague.email(), member.get("email"));
        assertEquals("BUYER", member.get("side"));
        assertEquals(false, member.get("decisionMaker"));
        assertTrue(((List<?>) member.get("groupIds")).contains(room.proofId));
        assertEquals(1, SentMails.to(colleague.email()).size(), "the invitation goes out on approval");
        // The colleague's link works like any other: they join and see proof.
        assertTrue(room.groupKeysSeenBy(colleague).contains("proof"));
        // The requester sees the outcome; no kind of email they can choose covers it, so none is sent.
        room.groupMember.api().get(REQUESTS, room.roomId).then().statusCode(200)
                .body("find { it.id == '" + id + "' }.status", equalTo("APPROVED"));
        assertEquals(requesterMails, SentMails.to(room.groupMember.email()).size());
    }

    @Test
    void decliningAddsNobodyInvitesNobodyAndClosesTheRequest() {
        DealRoomFixture room = new DealRoomFixture();
        Person colleague = Person.random("colleague");
        String id = ask(room, room.groupMember, colleague, List.of());
        int members = room.owner.api().get("/api/rooms/{r}/members", room.roomId).then().extract().path("size()");

        room.decisionMaker.api().body(Map.of("decision", "DECLINED", "reason", "Not at this stage"))
                .post(REQUESTS + "/{q}/decision", room.roomId, id).then().statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("reason", equalTo("Not at this stage"))
                .body("memberId", nullValue());

        room.owner.api().get("/api/rooms/{r}/members", room.roomId).then()
                .body("size()", equalTo(members))
                .body("email", not(hasItem(colleague.email())));
        assertTrue(SentMails.to(colleague.email()).isEmpty());
        room.groupMember.api().get(REQUESTS, room.roomId).then()
                .body("find { it.id == '" + id + "' }.reason", equalTo("Not at this stage"));
        // Decided for good: a later approval, or a withdrawal, is refused and adds nobody.
        room.owner.api().body(Map.of("decision", "APPROVED")).post(REQUESTS + "/{q}/decision", room.roomId, id)
                .then().statusCode(409).body("code", equalTo("colleague-request-closed"));
        room.groupMember.api().post(REQUESTS + "/{q}/withdraw", room.roomId, id)
                .then().statusCode(409).body("code", equalTo("colleague-request-closed"));
        assertTrue(SentMails.to(colleague.email()).isEmpty());
    }

    @Test
    void aRequesterAsksOnlyForTheirOwnGroupsAndLearnsNothingOfTheOthers() {
        DealRoomFixture room = new DealRoomFixture();
        String security = room.decisionMaker.api().body(Map.of("name", "Security review"))
                .post("/api/rooms/{r}/groups", room.roomId).then().statusCode(201).extract().path("id");
        Map<String, String> answers = new HashMap<>();
        // contracts exists but is not theirs, steering is the managers', security is a group they cannot see, the
        // last is no group at all: each answers exactly the same.
        for (String group : List.of("contracts", "steering", security, "00000000-0000-0000-0000-000000000000")) {
            String body = room.groupMember.api().body(Map.of("email", Person.random("colleague").email(),
                    "name", "C", "groups", List.of("proof", group)))
                    .post(REQUESTS, room.roomId).then().statusCode(400)
                    .body("code", equalTo("validation-failed"))
                    .body("errors.field", equalTo(List.of("groups[1]")))
                    .body("errors[0].code", equalTo("unknown-group"))
                    .extract().asString();
            answers.put(group, body);
        }
        assertEquals(1, answers.values().stream().distinct().count(), "the refusals differ: " + answers);
        room.groupMember.api().get(REQUESTS, room.roomId).then().body("size()", equalTo(0));
    }

    @Test
    void theDeciderMayChangeTheGroupsWithinTheirOwn() {
        DealRoomFixture room = new DealRoomFixture();
        String id = ask(room, room.groupMember, Person.random("colleague"), List.of("proof"));
        // The decision-maker is not in contracts: they cannot put anyone there.
        room.decisionMaker.api().body(Map.of("decision", "APPROVED", "groups", List.of("contracts")))
                .post(REQUESTS + "/{q}/decision", room.roomId, id).then().statusCode(400)
                .body("errors.findAll { it.field == 'groups[0]' }.code", hasItem("unknown-group"));
        String memberId = room.owner.api().body(Map.of("decision", "APPROVED", "groups", List.of("implementation")))
                .post(REQUESTS + "/{q}/decision", room.roomId, id).then().statusCode(200).extract().path("memberId");
        List<String> keys = room.owner.api().get("/api/rooms/{r}/groups", room.roomId).then().extract()
                .path("findAll { it.memberIds.contains('" + memberId + "') }.key");
        assertEquals(List.of("everyone", "implementation"), keys.stream().sorted().toList());
    }

    @Test
    void onlyBuyersAskOnlyManagersDecideOnlyTheRequesterWithdraws() {
        DealRoomFixture room = new DealRoomFixture();
        Person seller = Person.random("presales");
        room.addMember(room.owner, seller, "SELLER", false, "proof");
        for (Person manager : List.of(room.owner, room.decisionMaker, seller)) {
            manager.api().body(Map.of("email", Person.random("c").email(), "name", "C"))
                    .post(REQUESTS, room.roomId).then().statusCode(403).body("code", equalTo("forbidden"));
        }
        String id = ask(room, room.groupMember, Person.random("colleague"), List.of());
        room.outsider.api().body(Map.of("decision", "APPROVED")).post(REQUESTS + "/{q}/decision", room.roomId, id)
                .then().statusCode(403);
        room.groupMember.api().body(Map.of("decision", "APPROVED")).post(REQUESTS + "/{q}/decision", room.roomId, id)
                .then().statusCode(403);
        // Another buyer does not see the request at all; a manager sees it but did not ask.
        room.outsider.api().post(REQUESTS + "/{q}/withdraw", room.roomId, id).then().statusCode(404);
        room.outsider.api().get(REQUESTS, room.roomId).then().statusCode(200).body("size()", equalTo(0));
        seller.api().get(REQUESTS, room.roomId).then().statusCode(200).body("size()", equalTo(0));
        room.owner.api().post(REQUESTS + "/{q}/withdraw", room.roomId, id).then().statusCode(403);
        room.groupMember.api().post(REQUESTS + "/{q}/withdraw", room.roomId, id).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        room.owner.api().body(Map.of("decision", "APPROVED")).post(REQUESTS + "/{q}/decision", room.roomId, id)
                .then().statusCode(409).body("code", equalTo("colleague-request-closed"));
    }

    @Test
    void everyStepReachesTheManagersAndTheRequesterAndNoOtherMember() {
        DealRoomFixture room = new DealRoomFixture();
        Person seller = Person.random("presales");
        room.addMember(room.owner, seller, "SELLER", false, "proof");
        // A group of the decision-maker and the requester that the owner is not in.
        String security = room.decisionMaker.api().body(Map.of("name", "Security review",
                "memberIds", List.of(room.groupMemberId))).post("/api/rooms/{r}/groups", room.roomId).then()
                .statusCode(201).extract().path("id");
        long seq = room.seq();
        try (LiveClient owner = LiveClient.connect(room.owner, room.roomId, seq);
                LiveClient decisionMaker = LiveClient.connect(room.decisionMaker, room.roomId, seq);
                LiveClient requester = LiveClient.connect(room.groupMember, room.roomId, seq);
                LiveClient bystander = LiveClient.connect(room.outsider, room.roomId, seq);
                LiveClient sellerLive = LiveClient.connect(seller, room.roomId, seq)) {
            List.of(owner, decisionMaker, requester, bystander, sellerLive).forEach(LiveClient::replay);

            String approved = ask(room, room.groupMember, Person.random("colleague"), List.of("proof", security));
            room.owner.api().body(Map.of("decision", "APPROVED", "groups", List.of("proof")))
                    .post(REQUESTS + "/{q}/decision", room.roomId, approved).then().statusCode(200);
            String declined = ask(room, room.groupMember, Person.random("colleague"), List.of());
            room.decisionMaker.api().body(Map.of("decision", "DECLINED"))
                    .post(REQUESTS + "/{q}/decision", room.roomId, declined).then().statusCode(200);
            String withdrawn = ask(room, room.groupMember, Person.random("colleague"), List.of());
            room.groupMember.api().post(REQUESTS + "/{q}/withdraw", room.roomId, withdrawn).then().statusCode(200);
            room.owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);

            List<String> steps = List.of("colleague.requested", "member.added", "invitation.sent",
                    "colleague.approved", "colleague.requested", "colleague.declined", "colleague.requested",
                    "colleague.withdrawn", "room.updated");
            List<String> others = List.of("member.added", "invitation.sent", "room.updated");
            Function<LiveClient, List<Map<String, Object>>> received = client -> client
                    .until(m -> "room.updated".equals(m.get("type")));
            List<Map<String, Object>> toOwner = received.apply(owner);
            assertEquals(steps, types(toOwner));
            assertEquals(steps, types(received.apply(decisionMaker)));
            List<Map<String, Object>> toRequester = received.apply(requester);
            assertEquals(steps, types(toRequester));
            assertEquals(others, types(received.apply(bystander)));
            assertEquals(others, types(received.apply(sellerLive)));

            // The request's groups reach each recipient narrowed to their own: the owner is not in security.
            Map<?, ?> requestedToOwner = (Map<?, ?>) toOwner.get(0).get("data");
            assertEquals(List.of(room.proofId), withoutEveryone(room, requestedToOwner.get("groupIds")));
            Map<?, ?> requestedToRequester = (Map<?, ?>) toRequester.get(0).get("data");
            assertTrue(((List<?>) requestedToRequester.get("groupIds")).contains(security));
        }
        // The log answers the same over REST.
        for (Person nobody : List.of(room.outsider, seller)) {
            nobody.api().get("/api/rooms/{r}/events?since={s}", room.roomId, seq).then().statusCode(200)
                    .body("events.type", not(hasItem(containsString("colleague."))));
        }
        room.groupMember.api().get("/api/rooms/{r}/events?since={s}", room.roomId, seq).then().statusCode(200)
                .body("events.findAll { it.type.startsWith('colleague.') }.size()", equalTo(6));
    }

    @Test
    void aRetryReturnsTheOriginalAndRecordsOneRequest() {
        DealRoomFixture room = new DealRoomFixture();
        Map<String, Object> body = Map.of("email", Person.random("colleague").email(), "name", "Carla Colleague",
                "clientId", "ask-1");
        long seq = room.seq();
        String first = room.groupMember.api().body(body).post(REQUESTS, room.roomId).then().statusCode(201)
                .extract().path("id");
        String retry = room.groupMember.api().body(body).post(REQUESTS, room.roomId).then().statusCode(201)
                .extract().path("id");
        String byHeader = room.groupMember.api().header("Idempotency-Key", "ask-1").body(Map.of("email",
                body.get("email"), "name", "Carla Colleague", "clientId", "ask-1")).post(REQUESTS, room.roomId).then()
                .statusCode(201).extract().path("id");
        assertEquals(first, retry);
        assertEquals(first, byHeader);
        assertEquals(1, (int) room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, seq).then()
                .extract().path("events.findAll { it.type == 'colleague.requested' }.size()"));
        room.owner.api().get(REQUESTS, room.roomId).then().body("size()", equalTo(1));
    }

    @Test
    void aPersonInTheRoomOrAlreadyAskedForIsAClearConflict() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of("email", room.outsider.email().toUpperCase(), "name", "Already here"))
                .post(REQUESTS, room.roomId).then().statusCode(409).body("code", equalTo("member-exists"));
        Person colleague = Person.random("colleague");
        String id = ask(room, room.groupMember, colleague, List.of());
        room.outsider.api().body(Map.of("email", colleague.email(), "name", "Same person"))
                .post(REQUESTS, room.roomId).then().statusCode(409).body("code", equalTo("colleague-already-requested"));
        // Added directly meanwhile: approving cannot add them twice, and the request stays pending.
        room.addMember(room.owner, colleague, "BUYER", false);
        room.owner.api().body(Map.of("decision", "APPROVED")).post(REQUESTS + "/{q}/decision", room.roomId, id)
                .then().statusCode(409).body("code", equalTo("member-exists"));
        room.owner.api().get(REQUESTS, room.roomId).then()
                .body("find { it.id == '" + id + "' }.status", equalTo("PENDING"));
        assertEquals(1, SentMails.to(colleague.email()).size());
    }

    @Test
    void badInputIsAFieldErrorAndChangesNothing() {
        DealRoomFixture room = new DealRoomFixture();
        String id = ask(room, room.groupMember, Person.random("colleague"), List.of());
        long seq = room.seq();
        String email = Person.random("colleague").email();
        Map<String, Response> asks = new java.util.LinkedHashMap<>();
        asks.put("email", send(room.groupMember, room, Map.of("email", "not an address", "name", "C")));
        asks.put("email ", send(room.groupMember, room, Map.of("email", "a".repeat(250) + "@x.io", "name", "C")));
        asks.put("name", send(room.groupMember, room, Map.of("email", email, "name", "n".repeat(201))));
        asks.put("name ", send(room.groupMember, room, Map.of("email", email)));
        asks.put("groups", send(room.groupMember, room, Map.of("email", email, "name", "C",
                "groups", java.util.Collections.nCopies(51, "proof"))));
        asks.put("groups[0]", send(room.groupMember, room, Map.of("email", email, "name", "C",
                "groups", List.of("g".repeat(65)))));
        asks.put("decision", room.owner.api().body(Map.of("decision", "MAYBE"))
                .post(REQUESTS + "/{q}/decision", room.roomId, id));
        asks.put("decision ", room.owner.api().body(Map.of())
                .post(REQUESTS + "/{q}/decision", room.roomId, id));
        asks.put("reason", room.owner.api().body(Map.of("decision", "DECLINED", "reason", "r".repeat(1001)))
                .post(REQUESTS + "/{q}/decision", room.roomId, id));
        asks.forEach((field, response) -> response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem(field.strip())));
        room.owner.api().body(Map.of("decision", "APPROVED"))
                .post(REQUESTS + "/{q}/decision", room.roomId, "not-an-id").then().statusCode(404);
        room.owner.api().body(Map.of("decision", "APPROVED"))
                .post(REQUESTS + "/{q}/decision", room.roomId, "00000000-0000-0000-0000-000000000000").then()
                .statusCode(404);
        assertEquals(seq, room.seq(), "a refused request appends no event");
        room.owner.api().get(REQUESTS, room.roomId).then().body("size()", equalTo(1))
                .body("[0].status", equalTo("PENDING"));
    }

    /** {@code who} asks for {@code colleague} in these groups and answers the request's id. */
    static String ask(DealRoomFixture room, Person who, Person colleague, List<String> groups) {
        return who.api().body(Map.of("email", colleague.email(), "name", colleague.name(), "groups", groups))
                .post(REQUESTS, room.roomId).then().statusCode(201)
                .body("status", equalTo("PENDING"))
                .extract().path("id");
    }

    private static Response send(Person who, DealRoomFixture room, Map<String, Object> body) {
        return who.api().body(body).post(REQUESTS, room.roomId);
    }

    private static List<String> types(List<Map<String, Object>> messages) {
        return messages.stream().map(m -> (String) m.get("type")).toList();
    }

    private static List<?> withoutEveryone(DealRoomFixture room, Object groupIds) {
        String everyone = room.owner.api().get("/api/rooms/{r}/groups/everyone", room.roomId).then().extract()
                .path("id");
        return ((List<?>) groupIds).stream().filter(id -> !id.equals(everyone)).toList();
    }
}

package dev.dealroom.member;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.common.Outbox;
import dev.dealroom.support.Burst;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.OidcTestServer;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Erasure (issue 18): a person leaves a room and takes their personal data with them. The key test scans every text
 * column of the schema for the erased person's email, name and title after they did everything a member does.
 */
@QuarkusTest
class ErasureTest {

    private static final Map<String, Object> CONFIRMED = Map.of("confirm", true);

    @Inject
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @Test
    void afterTheOwnerErasesAPersonNoColumnOfTheSchemaHoldsTheirEmailNameOrTitle() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        Person erin = Person.random("erasable");
        String title = "Head of erasure " + UUID.randomUUID();
        // Added with a client id: the owner's kept response names them too.
        String erinId = room.owner.api().body(Map.of("email", erin.email(), "name", erin.name(), "side", "BUYER",
                "title", title, "groups", List.of("proof"), "clientId", "add-" + UUID.randomUUID()))
                .post("/api/rooms/{r}/members", room.roomId).then().statusCode(201).extract().path("id");
        // A real provider's subject is an opaque id; the test provider's would carry the email.
        String subject = "opaque-" + UUID.randomUUID();
        Supplier<RequestSpecification> asErin = () -> as(erin, subject);
        // A webhook's deliveries keep the envelopes of what Erin does (its receiver is down: they wait for a retry).
        room.owner.api().body(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("*")))
                .post("/api/rooms/{r}/webhooks", room.roomId).then().statusCode(201);
        everythingAMemberDoes(room, erinId, asErin);
        String task = room.owner.api().body(Map.of("title", "Run the benchmark", "ownerId", erinId))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201).extract().path("id");
        // Emails to others that name them leave first; one to them that failed stays until an operator acts.
        outbox.sendDue();
        insertFailedEmailTo(erin.email());
        assertFalse(columnsHolding(erin.email()).isEmpty(), "the scan finds what is there");
        assertFalse(columnsHolding(title).isEmpty(), "the scan finds what is there");

        room.owner.api().body(CONFIRMED).post("/api/rooms/{r}/members/{m}/erasure", room.roomId, erinId).then()
                .statusCode(200);

        assertEquals(List.of(), columnsHolding(erin.email()));
        assertEquals(List.of(), columnsHolding(erin.name()));
        assertEquals(List.of(), columnsHolding(title));
        assertGapless(room.roomId);
        asErin.get().get("/api/rooms/{r}", room.roomId).then().statusCode(404);
        room.owner.api().get("/api/rooms/{r}/members", room.roomId).then().body("id", not(hasItem(erinId)));
        room.owner.api().get("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then()
                .body("ownerId", nullValue());
        // Their post stays, by a former member, its text removed (the room's default).
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .body("posts.find { it.author.memberId == '" + erinId + "' }.author.name", nullValue())
                .body("posts.find { it.author.memberId == '" + erinId + "' }.body", nullValue());
        // Their decision stays, without their comment; their document stays, uploaded by them (an id, no name).
        room.owner.api().get("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then()
                .body("find { it.title == 'Benchmark accepted' }.approvers.find { it.memberId == '" + erinId
                        + "' }.decision", equalTo("APPROVED"))
                .body("find { it.title == 'Benchmark accepted' }.approvers.find { it.memberId == '" + erinId
                        + "' }.comment", nullValue());
        room.owner.api().get("/api/rooms/{r}/groups/proof/documents", room.roomId).then()
                .body("find { it.name == 'benchmark.csv' }.versions[0].uploadedBy", equalTo(erinId));
        // One last event says so, with nothing of them but their id.
        List<Map<String, Object>> events = room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId)
                .then().statusCode(200).extract().path("events");
        Map<String, Object> last = events.get(events.size() - 1);
        assertEquals("member.erased", last.get("type"));
        assertEquals(Map.of("memberId", erinId), last.get("data"));
    }

    @Test
    void aMemberErasesThemselfAndTheRoomMayKeepTheirText() {
        DealRoomFixture room = new DealRoomFixture();
        room.decisionMaker.api().body(Map.of("erasedPostText", "KEEP")).patch("/api/rooms/{r}", room.roomId).then()
                .statusCode(200).body("room.erasedPostText", equalTo("KEEP"));
        room.groupMember.api().body(Map.of("body", "Latency is fine")).post("/api/rooms/{r}/groups/proof/posts",
                room.roomId).then().statusCode(201);
        try (LiveClient live = LiveClient.connect(room.groupMember, room.roomId, room.seq())) {
            room.groupMember.api().body(CONFIRMED).post("/api/rooms/{r}/members/me/erasure", room.roomId).then()
                    .statusCode(200);
            assertEquals(4403, live.awaitClose(), "their open connection is closed");
        }
        room.groupMember.api().get("/api/rooms/{r}", room.roomId).then().statusCode(404);
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .body("posts.find { it.author.memberId == '" + room.groupMemberId + "' }.author.name", nullValue())
                .body("posts.find { it.author.memberId == '" + room.groupMemberId + "' }.body",
                        equalTo("Latency is fine"));
        List<Map<String, Object>> events = room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId)
                .then().extract().path("events");
        Map<String, Object> last = events.get(events.size() - 1);
        assertEquals("member.erased", last.get("type"));
        assertEquals(room.groupMemberId, ((Map<?, ?>) last.get("actor")).get("memberId"));
        assertEquals(null, ((Map<?, ?>) last.get("actor")).get("name"));
    }

    @Test
    void erasureIsConfirmedAndTheOwnerNeitherErasesThemselfNorIsErasedAndOthersEraseNobody() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of()).post("/api/rooms/{r}/members/me/erasure", room.roomId).then()
                .statusCode(400).body("code", equalTo("validation-failed")).body("errors[0].field", equalTo("confirm"));
        room.groupMember.api().body(Map.of("confirm", false)).post("/api/rooms/{r}/members/me/erasure", room.roomId)
                .then().statusCode(400).body("code", equalTo("validation-failed"));
        room.owner.api().body(CONFIRMED).post("/api/rooms/{r}/members/me/erasure", room.roomId).then()
                .statusCode(409).body("code", equalTo("owner-cannot-be-erased"));
        String ownerId = room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract().path("me.id");
        room.owner.api().body(CONFIRMED).post("/api/rooms/{r}/members/{m}/erasure", room.roomId, ownerId).then()
                .statusCode(409).body("code", equalTo("owner-cannot-be-erased"));
        room.decisionMaker.api().body(CONFIRMED).post("/api/rooms/{r}/members/{m}/erasure", room.roomId,
                room.groupMemberId).then().statusCode(403).body("code", equalTo("forbidden"));
        room.owner.api().body(CONFIRMED).post("/api/rooms/{r}/members/{m}/erasure", room.roomId,
                UUID.randomUUID()).then().statusCode(404);
        // Nothing was erased.
        room.owner.api().get("/api/rooms/{r}/members", room.roomId).then().body("size()", equalTo(4));
    }

    @Test
    void aClosedRoomStillLetsAPersonBeErased() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("status", "WON", "closeReason", "Signed")).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(200);
        room.outsider.api().body(CONFIRMED).post("/api/rooms/{r}/members/me/erasure", room.roomId).then()
                .statusCode(200);
        room.owner.api().body(CONFIRMED).post("/api/rooms/{r}/members/{m}/erasure", room.roomId, room.groupMemberId)
                .then().statusCode(200);
        room.owner.api().get("/api/rooms/{r}/members", room.roomId).then().body("size()", equalTo(2));
        assertGapless(room.roomId);
    }

    @Test
    void twoErasuresAtOnceEraseOnceAndRecordOneEvent() {
        DealRoomFixture room = new DealRoomFixture();
        String path = "/api/rooms/" + room.roomId + "/members/" + room.groupMemberId + "/erasure";
        List<Burst.Answer> answers = Burst.fire(List.of(Burst.Call.post(room.owner, path, CONFIRMED),
                Burst.Call.post(room.owner, path, CONFIRMED),
                Burst.Call.post(room.groupMember, "/api/rooms/" + room.roomId + "/members/me/erasure", CONFIRMED)));
        assertEquals(1, answers.stream().filter(answer -> answer.status() == 200).count(), answers.toString());
        assertEquals(2, answers.stream().filter(answer -> answer.status() == 404).count(), answers.toString());
        List<String> types = room.owner.api().get("/api/rooms/{r}/events?since=0", room.roomId).then()
                .extract().path("events.type");
        assertEquals(1, types.stream().filter("member.erased"::equals).count());
        assertGapless(room.roomId);
    }

    /** Language, a post, a decision with a comment, a document, a visit, a read, settings, a ticket, a request. */
    private static void everythingAMemberDoes(DealRoomFixture room, String erinId,
            Supplier<RequestSpecification> asErin) {
        asErin.get().body(Map.of("language", "fr")).put("/api/me/language").then().statusCode(200);
        asErin.get().put("/api/me/calendar").then().statusCode(200);
        asErin.get().body(Map.of("body", "Our latency numbers are in", "clientId", "post-" + UUID.randomUUID()))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        String signoff = room.owner.api().body(Map.of("title", "Benchmark accepted", "approverIds", List.of(erinId)))
                .post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then().statusCode(201).extract().path("id");
        asErin.get().body(Map.of("decision", "APPROVED", "comment", "Fine by me"))
                .post("/api/rooms/{r}/groups/proof/signoffs/{s}/decision", room.roomId, signoff).then().statusCode(200);
        asErin.get().contentType("multipart/form-data")
                .multiPart("file", "benchmark.csv", "metric,value\nlatency,42\n".getBytes(), "text/csv")
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(201);
        asErin.get().post("/api/rooms/{r}/visits", room.roomId).then().statusCode(200);
        asErin.get().body(Map.of("seq", 1)).put("/api/rooms/{r}/groups/proof/read", room.roomId).then()
                .statusCode(200);
        asErin.get().body(Map.of("mentions", true, "nudges", true, "signoffRequests", false, "digest", false))
                .put("/api/rooms/{r}/notifications", room.roomId).then().statusCode(200);
        asErin.get().post("/api/rooms/{r}/live-tickets", room.roomId).then().statusCode(201);
        Person colleague = Person.random("colleague");
        asErin.get().body(Map.of("email", colleague.email(), "name", colleague.name()))
                .post("/api/rooms/{r}/colleague-requests", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("roles", List.of("CHAMPION"), "attitude", "SUPPORTER"))
                .put("/api/rooms/{r}/committee/{m}", room.roomId, erinId).then().statusCode(200);
        room.owner.api().body(Map.of("topic", "UNSEEN_UPDATES")).post("/api/rooms/{r}/members/{m}/nudges",
                room.roomId, erinId).then().statusCode(201);
    }

    /** A request as {@code person}, whose login has this subject. */
    private static RequestSpecification as(Person person, String subject) {
        String token = person.claims(Instant.now().minusSeconds(5), Instant.now().plusSeconds(600)).subject(subject)
                .audience(OidcTestServer.CLIENT_ID).claim("azp", OidcTestServer.API_CLIENT_ID).claim("typ", "Bearer")
                .sign();
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private void insertFailedEmailTo(String address) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into outbox (kind, to_address,"
                        + " subject, body, attempts, failed_at, last_error)"
                        + " values ('email', ?, 'Reminder', 'Hello', 5, now(), 'mailbox full')")) {
            insert.setString(1, address);
            insert.executeUpdate();
        }
    }

    /** Every table.column of the schema whose text (text, varchar, jsonb, arrays) holds {@code needle}. */
    private List<String> columnsHolding(String needle) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select table_name, column_name"
                    + " from information_schema.columns where table_schema = current_schema()"
                    + " and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[] { rows.getString(1), rows.getString(2) });
                }
            }
            assertFalse(columns.isEmpty());
            for (String[] column : columns) {
                try (PreparedStatement query = connection.prepareStatement("select count(*) from \"" + column[0]
                        + "\" where strpos(lower(cast(\"" + column[1] + "\" as text)), lower(?)) > 0")) {
                    query.setString(1, needle);
                    try (ResultSet count = query.executeQuery()) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The room's log holds every seq from 1 to the room's newest, nothing deleted. */
    private void assertGapless(String roomId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select e.seq, r.last_seq from room_event e"
                        + " join room r on r.id = e.room_id where e.room_id = cast(? as uuid) order by e.seq")) {
            query.setString(1, roomId);
            List<Long> seqs = new ArrayList<>();
            long newest = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                    newest = rows.getLong(2);
                }
            }
            assertEquals(LongStream.rangeClosed(1, newest).boxed().toList(), seqs);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

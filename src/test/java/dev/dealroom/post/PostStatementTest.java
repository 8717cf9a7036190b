package dev.dealroom.post;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import dev.dealroom.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The one-statement post: once a login has been admitted into a group on this node, its posts are written by
 * {@link PostStatement}, which re-checks the admission in the statement itself. Each test first proves the statement
 * wrote (its count moved), then changes what the remembered claim rests on and proves the statement no longer
 * writes while the answer stays the access policy's.
 */
@QuarkusTest
class PostStatementTest {

    @Inject
    PostStatement statement;

    @Inject
    DataSource dataSource;

    @Test
    void theStatementWritesThePostItsEventAndItsRetryRecordAsTheOrdinaryPathDoes() {
        DealRoomFixture room = new DealRoomFixture();
        post(room.groupMember, room, Map.of("body", "Kick-off")).statusCode(201);
        long before = room.seq();
        long written = statement.written();

        JsonPath created = post(room.groupMember, room, Map.of("body", "  Pilot went well  ", "clientId", "c-1"))
                .statusCode(201).extract().jsonPath();

        assertEquals(written + 1, statement.written(), "written by the one statement");
        assertEquals(before + 1, created.getLong("seq"));
        assertEquals("Pilot went well", created.getString("body"));
        assertEquals("c-1", created.getString("clientId"));
        assertEquals(room.groupMemberId, created.getString("author.memberId"));
        // the event, as a reconnecting client reads it, carries the post as answered
        JsonPath events = room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, before).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("post.created"), events.getList("events.type"));
        assertEquals(created.getLong("seq"), events.getLong("events[0].seq"));
        assertEquals(created.getMap(""), events.getMap("events[0].data"));
        // a retry gets the original from the record the statement wrote, and writes nothing
        JsonPath retried = post(room.groupMember, room, Map.of("body", "  Pilot went well  ", "clientId", "c-1"))
                .statusCode(201).extract().jsonPath();
        assertEquals(created.getMap(""), retried.getMap(""));
        assertEquals(created.getLong("seq"), room.seq());
        // the same id for another post is refused
        post(room.groupMember, room, Map.of("body", "Something else", "clientId", "c-1")).statusCode(409)
                .body("code", equalTo("idempotency-key-reused"));
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(200)
                .body("posts.body", contains("Pilot went well", "Kick-off"));
    }

    @Test
    void aMemberRemovedFromTheGroupCannotPostThereAMomentLater() {
        DealRoomFixture room = new DealRoomFixture();
        post(room.groupMember, room, Map.of("body", "Kick-off")).statusCode(201);
        long written = statement.written();
        post(room.groupMember, room, Map.of("body", "Second")).statusCode(201);
        assertEquals(written + 1, statement.written());

        room.owner.api().delete("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, room.groupMemberId).then()
                .statusCode(204);
        long before = room.seq();

        post(room.groupMember, room, Map.of("body", "Still here?")).statusCode(404);
        assertEquals(before, room.seq(), "nothing written");
        assertEquals(written + 1, statement.written());
    }

    @Test
    void aMemberRemovedFromTheRoomCannotPostAMomentLater() {
        DealRoomFixture room = new DealRoomFixture();
        post(room.groupMember, room, Map.of("body", "Kick-off")).statusCode(201);
        room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, room.groupMemberId).then().statusCode(204);
        long before = room.seq();

        post(room.groupMember, room, Map.of("body", "Still here?")).statusCode(404);
        assertEquals(before, room.seq(), "nothing written");
    }

    @Test
    void whatTheClaimRestsOnIsReadInTheStatementNotRemembered() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        post(room.decisionMaker, room, Map.of("body", "Kick-off")).statusCode(201);
        // changed behind this node's back (another node, an operator): the statement sees it, the memory does not
        Sql.updateOne(dataSource,
                "update member set name = 'Dana Renamed' where id = cast(? as uuid)", room.decisionMakerId);
        long written = statement.written();

        post(room.decisionMaker, room, Map.of("body", "Plain")).statusCode(201)
                .body("author.name", equalTo("Dana Renamed"));
        assertEquals(written, statement.written(), "declined by the statement, written by the ordinary path");
        post(room.decisionMaker, room, Map.of("body", "Again")).statusCode(201)
                .body("author.name", equalTo("Dana Renamed"));
        assertEquals(written + 1, statement.written(), "admitted afresh, the statement writes again");

        Sql.updateOne(dataSource,
                "update member set decision_maker = false where id = cast(? as uuid)", room.decisionMakerId);
        long before = room.seq();
        post(room.decisionMaker, room, Map.of("body", "Everyone read this", "announcement", true)).statusCode(403);
        assertEquals(written + 1, statement.written());
        assertEquals(before, room.seq(), "nothing written");
    }

    @Test
    void aReplyMustAnswerATopLevelPostOfTheSameGroup() {
        DealRoomFixture room = new DealRoomFixture();
        String question = post(room.owner, room, Map.of("body", "Question")).statusCode(201).extract().path("id");
        String answer = post(room.owner, room, Map.of("body", "Answer", "parentId", question)).statusCode(201)
                .body("parentId", equalTo(question)).extract().path("id");
        String elsewhere = room.owner.api().body(Map.of("body", "Steering only"))
                .post("/api/rooms/{r}/groups/steering/posts", room.roomId).then().statusCode(201).extract().path("id");
        long written = statement.written();

        post(room.owner, room, Map.of("body", "Nested", "parentId", answer)).statusCode(400)
                .body("errors.field", contains("parentId"));
        post(room.owner, room, Map.of("body", "Across groups", "parentId", elsewhere)).statusCode(400)
                .body("errors.field", contains("parentId"));
        post(room.owner, room, Map.of("body", "Another answer", "parentId", question)).statusCode(201);
        assertEquals(written + 1, statement.written(), "the valid reply only");
    }

    @Test
    void eachPostCountsOnceAgainstTheWriteRate() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        post(room.groupMember, room, Map.of("body", "Kick-off")).statusCode(201);
        // the counting minute is held open, so that the clock turning a minute cannot reset the count under test
        Sql.startRateWindow(dataSource, room.groupMember);
        int before = Sql.writesCounted(dataSource, room.groupMember);
        long written = statement.written();

        post(room.groupMember, room, Map.of("body", "One")).statusCode(201);
        post(room.groupMember, room, Map.of("body", "Two", "clientId", "c-2")).statusCode(201);
        post(room.groupMember, room, Map.of("body", "Two", "clientId", "c-2")).statusCode(201);

        assertEquals(written + 2, statement.written());
        assertEquals(before + 3, Sql.writesCounted(dataSource, room.groupMember), "three requests, three counts");
    }

    @Test
    void pastTheWriteRateTheStatementRefusesAndWritesNothing() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        post(room.groupMember, room, Map.of("body", "Kick-off")).statusCode(201);
        Sql.exhaustRateLimit(dataSource, room.groupMember);
        long before = room.seq();
        long written = statement.written();

        post(room.groupMember, room, Map.of("body", "One too many")).statusCode(429)
                .body("code", equalTo("rate-limited"));
        assertEquals(before, room.seq());
        assertEquals(written, statement.written());
    }

    private static io.restassured.response.ValidatableResponse post(Person who, DealRoomFixture room,
            Map<String, Object> body) {
        return who.api().body(body).post("/api/rooms/{r}/groups/proof/posts", room.roomId).then();
    }
}

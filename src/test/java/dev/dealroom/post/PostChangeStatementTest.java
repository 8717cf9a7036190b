package dev.dealroom.post;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import dev.dealroom.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An author's edit (that mentions nobody) and delete of their post, written by {@link PostStatement} once the login
 * has been admitted into the group on this node: the same rows, event and answer as the ordinary path, whose answers
 * (403, 404, 409) are kept for everything the statement does not write. The ordinary path is reached through the
 * group's id instead of its key, which this node has not admitted the login through yet.
 */
@QuarkusTest
class PostChangeStatementTest {

    @Inject
    PostStatement statement;

    @Inject
    DataSource dataSource;

    @Test
    void anEditIsWrittenAsTheOrdinaryPathWritesIt() {
        DealRoomFixture room = new DealRoomFixture();
        create(room, "Kick-off");
        JsonPath created = create(room, "  Pilot went well  ");
        String byStatement = created.getString("id");
        String byOrdinaryPath = create(room, "Second thoughts").getString("id");
        long written = statement.written();

        JsonPath ordinary = edit(room, room.proofId, byOrdinaryPath, "Second thoughts, edited").statusCode(200)
                .extract().jsonPath();
        assertEquals(written, statement.written(), "the ordinary path");
        long before = room.seq();
        JsonPath edited = edit(room, "proof", byStatement, "  Pilot went very well  ").statusCode(200).extract()
                .jsonPath();
        assertEquals(written + 1, statement.written(), "written by the one statement");

        assertEquals(ordinary.getMap("").keySet(), edited.getMap("").keySet());
        assertEquals("Pilot went very well", edited.getString("body"));
        assertNotNull(edited.getString("editedAt"));
        // what the edit keeps is the row's, written as the create answered it
        for (String kept : List.of("id", "groupId", "seq", "parentId", "author", "announcement", "createdAt")) {
            assertEquals((Object) created.get(kept), edited.get(kept), kept);
        }
        assertNull(edited.getString("clientId"));
        // the event carries the answer; a read of the post finds it
        JsonPath events = events(room, before);
        assertEquals(List.of("post.edited"), events.getList("events.type"));
        assertEquals(before + 1, events.getLong("events[0].seq"));
        assertEquals(room.groupMemberId, events.getString("events[0].actor.memberId"));
        assertEquals(room.proofId, events.getString("events[0].groupId"));
        assertEquals(edited.getMap(""), events.getMap("events[0].data"));
        assertEquals(edited.getMap(""), post(room, byStatement));

        // the same text again changes nothing: no event, the post as it is
        assertEquals(edited.getMap(""), edit(room, "proof", byStatement, "Pilot went very well").statusCode(200)
                .extract().jsonPath().getMap(""));
        assertEquals(before + 1, room.seq());
        assertEquals(written + 1, statement.written());
    }

    @Test
    void aDeleteIsWrittenAsTheOrdinaryPathWritesIt() {
        DealRoomFixture room = new DealRoomFixture();
        String byStatement = create(room, "Pilot went well").getString("id");
        String byOrdinaryPath = create(room, "Second thoughts").getString("id");
        JsonPath edited = edit(room, "proof", byStatement, "Pilot went very well").statusCode(200).extract()
                .jsonPath();
        long written = statement.written();

        delete(room, room.proofId, byOrdinaryPath).statusCode(204);
        assertEquals(written, statement.written(), "the ordinary path");
        long before = room.seq();
        delete(room, "proof", byStatement).statusCode(204);
        assertEquals(written + 1, statement.written(), "written by the one statement");

        JsonPath events = events(room, before);
        assertEquals(List.of("post.deleted"), events.getList("events.type"));
        Map<String, Object> tombstone = events.getMap("events[0].data");
        assertEquals(tombstone, post(room, byStatement));
        assertEquals(true, tombstone.get("deleted"));
        assertNull(tombstone.get("body"));
        assertEquals(List.of(), tombstone.get("mentions"));
        assertEquals(edited.getString("editedAt"), tombstone.get("editedAt"), "the edit's time stays");
        assertEquals(post(room, byOrdinaryPath).keySet(), tombstone.keySet());

        // deleted already: nothing; an edit of a tombstone is refused as before
        delete(room, "proof", byStatement).statusCode(204);
        edit(room, "proof", byStatement, "Back again").statusCode(409).body("code", equalTo("post-deleted"));
        assertEquals(before + 1, room.seq());
        assertEquals(written + 1, statement.written());
    }

    @Test
    void onlyItsAuthorChangesAPost() {
        DealRoomFixture room = new DealRoomFixture();
        String theirs = create(room, "Pilot went well").getString("id");
        room.owner.api().body(Map.of("body", "Kick-off")).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201);
        long before = room.seq();
        long written = statement.written();

        room.owner.api().body(Map.of("body", "Rewritten")).patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId,
                theirs).then().statusCode(403).body("code", equalTo("forbidden"));
        room.owner.api().delete("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, theirs).then().statusCode(403);
        // an id of another group's post, or of none, is not found
        String elsewhere = room.owner.api().body(Map.of("body", "Steering only"))
                .post("/api/rooms/{r}/groups/steering/posts", room.roomId).then().statusCode(201).extract().path("id");
        before = room.seq();
        room.owner.api().body(Map.of("body", "Moved")).patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId,
                elsewhere).then().statusCode(404);
        room.owner.api().delete("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, "not-an-id").then()
                .statusCode(404);

        assertEquals(before, room.seq(), "nothing written");
        assertEquals(written, statement.written());
        assertEquals("Pilot went well", post(room, theirs).get("body"));
    }

    @Test
    void aMemberRemovedFromTheGroupCannotChangeTheirPostAMomentLater() {
        DealRoomFixture room = new DealRoomFixture();
        String post = create(room, "Pilot went well").getString("id");
        long written = statement.written();
        edit(room, "proof", post, "Pilot went very well").statusCode(200);
        assertEquals(written + 1, statement.written());

        room.owner.api().delete("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, room.groupMemberId).then()
                .statusCode(204);
        long before = room.seq();

        edit(room, "proof", post, "Still here?").statusCode(404);
        delete(room, "proof", post).statusCode(404);
        assertEquals(before, room.seq(), "nothing written");
        assertEquals(written + 1, statement.written());
        assertEquals("Pilot went very well", room.owner.api().get("/api/rooms/{r}/groups/proof/posts/{p}",
                room.roomId, post).then().statusCode(200).extract().path("body"));
    }

    @Test
    void eachChangeCountsOnceAgainstTheWriteRate() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        String post = create(room, "Pilot went well").getString("id");
        // the counting minute is held open, so that the clock turning a minute cannot reset the count under test
        Sql.startRateWindow(dataSource, room.groupMember);
        int before = Sql.writesCounted(dataSource, room.groupMember);
        long written = statement.written();

        edit(room, "proof", post, "Pilot went very well").statusCode(200);
        edit(room, "proof", post, "Pilot went very well").statusCode(200);
        delete(room, "proof", post).statusCode(204);
        delete(room, "proof", post).statusCode(204);

        assertEquals(written + 2, statement.written(), "the repeats are the ordinary path's");
        assertEquals(before + 4, Sql.writesCounted(dataSource, room.groupMember), "four requests, four counts");
    }

    @Test
    void pastTheWriteRateTheStatementRefusesAndChangesNothing() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        String post = create(room, "Pilot went well").getString("id");
        Sql.exhaustRateLimit(dataSource, room.groupMember);
        long before = room.seq();
        long written = statement.written();

        edit(room, "proof", post, "One too many").statusCode(429).body("code", equalTo("rate-limited"));
        delete(room, "proof", post).statusCode(429).body("code", equalTo("rate-limited"));
        assertEquals(before, room.seq());
        assertEquals(written, statement.written());
        Map<String, Object> now = post(room, post);
        assertEquals("Pilot went well", now.get("body"));
        assertTrue(now.get("editedAt") == null);
    }

    /**
     * A post by the proof buyer: the first through the ordinary path, which admits them into the group (and answers
     * with its time to the nanosecond, where the row keeps microseconds), the next ones through the statement.
     */
    private static JsonPath create(DealRoomFixture room, String body) {
        return room.groupMember.api().body(Map.of("body", body)).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201).extract().jsonPath();
    }

    private static ValidatableResponse edit(DealRoomFixture room, String group, String post, String body) {
        return room.groupMember.api().body(Map.of("body", body))
                .patch("/api/rooms/{r}/groups/{g}/posts/{p}", room.roomId, group, post).then();
    }

    private static ValidatableResponse delete(DealRoomFixture room, String group, String post) {
        return room.groupMember.api().delete("/api/rooms/{r}/groups/{g}/posts/{p}", room.roomId, group, post).then();
    }

    private static Map<String, Object> post(DealRoomFixture room, String post) {
        return room.owner.api().get("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, post).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static JsonPath events(DealRoomFixture room, long since) {
        return room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, since).then().statusCode(200)
                .extract().jsonPath();
    }
}

package dev.dealroom.post;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PostTest {

    @Test
    void repliesFormOneLevelThreadsAndDeletionLeavesATombstone() {
        DealRoomFixture room = new DealRoomFixture();
        String question = post(room, room.groupMember, Map.of("body", "Can we test with production data?"));
        String answer = post(room, room.owner, Map.of("body", "Yes, anonymised.", "parentId", question));
        room.owner.api().body(Map.of("body", "Nested?", "parentId", answer))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(400)
                .body("errors.field", contains("parentId"));

        room.groupMember.api().delete("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, question).then()
                .statusCode(204);
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(200)
                .body("posts.id", contains(answer, question))
                .body("posts[0].parentId", equalTo(question))
                .body("posts[1].deleted", equalTo(true))
                .body("posts[1].body", nullValue());
        room.groupMember.api().body(Map.of("body", "Back again"))
                .patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, question).then().statusCode(409)
                .body("code", equalTo("post-deleted"));
    }

    @Test
    void authorsEditTheirOwnPostsOnly() {
        DealRoomFixture room = new DealRoomFixture();
        String post = post(room, room.groupMember, Map.of("body", "Draft"));
        room.owner.api().body(Map.of("body", "Hijacked"))
                .patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, post).then().statusCode(403);
        room.owner.api().delete("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, post).then().statusCode(403);
        room.groupMember.api().body(Map.of("body", "Final <b>text</b>"))
                .patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, post).then().statusCode(200)
                .body("body", equalTo("Final <b>text</b>"))
                .body("editedAt", notNullValue());
    }

    @Test
    void onlyGroupMembersCanBeMentionedAndOnlyManagersAnnounce() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().body(Map.of("body", "@Dana please review", "mentions", List.of(room.decisionMakerId)))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201)
                .body("mentions", contains(room.decisionMakerId));
        room.groupMember.api().body(Map.of("body", "@Counsel?", "mentions", List.of(room.outsiderId)))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(400)
                .body("errors[0].field", equalTo("mentions[0]"))
                .body("errors[0].code", equalTo("not-in-group"));
        room.groupMember.api().body(Map.of("body", "Everyone read this", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(403);
        room.decisionMaker.api().body(Map.of("body", "Pilot starts Monday", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201)
                .body("announcement", equalTo(true));
    }

    @Test
    void theTimesAPostIsAnsweredWithAreTheOnesALaterReadGivesBack() {
        DealRoomFixture room = new DealRoomFixture();
        Map<String, Object> mentioning = Map.of("body", "@Dana see the pilot data", "mentions",
                List.of(room.decisionMakerId));
        var created = room.groupMember.api().body(mentioning).post("/api/rooms/{r}/groups/proof/posts", room.roomId)
                .then().statusCode(201).extract().jsonPath();
        var edited = room.groupMember.api().body(Map.of("body", "@Dana see the pilot data, v2", "mentions",
                List.of(room.decisionMakerId)))
                .patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, created.getString("id")).then()
                .statusCode(200).extract().jsonPath();

        var read = room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(created.getString("createdAt"), read.getString("posts[0].createdAt"));
        assertEquals(edited.getString("editedAt"), read.getString("posts[0].editedAt"));
    }

    @Test
    void pagesAreNewestFirstAndStableWhileOthersWrite() {
        DealRoomFixture room = new DealRoomFixture();
        List<String> written = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            written.add(post(room, room.groupMember, Map.of("body", "Update " + i)));
        }
        var first = room.owner.api().get("/api/rooms/{r}/groups/proof/posts?limit=2", room.roomId).then()
                .statusCode(200).body("posts.id", contains(written.get(4), written.get(3))).extract();
        post(room, room.owner, Map.of("body", "Written between two pages"));
        Number before = first.path("nextBefore");
        var second = room.owner.api().get("/api/rooms/{r}/groups/proof/posts?limit=2&before={b}", room.roomId,
                before).then().statusCode(200).body("posts.id", contains(written.get(2), written.get(1))).extract();
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts?limit=2&before={b}", room.roomId,
                second.<Number>path("nextBefore")).then().statusCode(200)
                .body("posts.id", contains(written.get(0)))
                .body("nextBefore", nullValue());
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts?limit=0", room.roomId).then().statusCode(400);
        room.owner.api().get("/api/rooms/{r}/groups/proof/posts?before=yesterday", room.roomId).then()
                .statusCode(400);
    }

    @Test
    void bodiesAreLimitedTo10000Characters() {
        DealRoomFixture room = new DealRoomFixture();
        post(room, room.groupMember, Map.of("body", "x".repeat(10_000)));
        room.groupMember.api().body(Map.of("body", "x".repeat(10_001)))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(400)
                .body("errors.field", contains("body"));
        room.groupMember.api().body(Map.of("body", "   "))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(400);
        assertEquals(1, (int) room.owner.api().get("/api/rooms/{r}/groups/proof/posts", room.roomId).then()
                .extract().path("posts.size()"));
    }

    static String post(DealRoomFixture room, Person author, Map<String, Object> body) {
        return author.api().body(body).post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201)
                .extract().path("id");
    }
}

package dev.dealroom.event.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each action on a group's content emits exactly one event, received live by the group's members and by no
 * one else: a proof member and a room member outside proof watch the same room while the actions happen.
 */
@QuarkusTest
class GroupContentEventsTest {

    @Test
    void eachActionReachesExactlyTheGroupsMembers() {
        DealRoomFixture room = new DealRoomFixture();
        long start = room.seq();
        try (LiveClient inside = LiveClient.connect(room.groupMember, room.roomId, start);
                LiveClient outside = LiveClient.connect(room.outsider, room.roomId, start)) {
            inside.replay();
            outside.replay();

            String post = room.groupMember.api().body(Map.of("body", "Results are in"))
                    .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201).extract().path("id");
            room.groupMember.api().body(Map.of("body", "Results are in (v2)"))
                    .patch("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, post).then().statusCode(200);
            room.groupMember.api().delete("/api/rooms/{r}/groups/proof/posts/{p}", room.roomId, post).then()
                    .statusCode(204);
            String task = room.owner.api().body(Map.of("title", "Sizing workshop"))
                    .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201).extract().path("id");
            room.owner.api().body(Map.of("status", "DONE"))
                    .patch("/api/rooms/{r}/groups/proof/tasks/{t}", room.roomId, task).then().statusCode(200);
            String signoff = room.owner.api().body(Map.of("title", "Proof accepted", "approverIds",
                    List.of(room.groupMemberId))).post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then()
                    .statusCode(201).extract().path("id");
            room.groupMember.api().body(Map.of("decision", "APPROVED"))
                    .post("/api/rooms/{r}/groups/proof/signoffs/{s}/decision", room.roomId, signoff).then()
                    .statusCode(200);
            String other = room.owner.api().body(Map.of("title", "Extended pilot", "approverIds",
                    List.of(room.groupMemberId))).post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then()
                    .statusCode(201).extract().path("id");
            room.owner.api().post("/api/rooms/{r}/groups/proof/signoffs/{s}/withdraw", room.roomId, other).then()
                    .statusCode(200);
            String document = room.groupMember.api().contentType("multipart/form-data")
                    .multiPart("file", "results.csv", "a,b\n".getBytes(), "text/csv")
                    .post("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(201)
                    .extract().path("id");
            // Reading lists changes nothing; a download is a view, kept in the log for the audit.
            room.owner.api().get("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(200);
            room.owner.api().get("/api/rooms/{r}/groups/proof/documents/{d}/content", room.roomId, document).then()
                    .statusCode(200);
            room.owner.api().body(Map.of("stage", "PROPOSAL")).patch("/api/rooms/{r}", room.roomId).then()
                    .statusCode(200);

            List<Map<String, Object>> seen = inside.until(message -> "room.updated".equals(message.get("type")));
            assertEquals(List.of("post.created", "post.edited", "post.deleted", "task.created", "task.updated",
                    "signoff.requested", "signoff.decided", "signoff.requested", "signoff.withdrawn",
                    "document.uploaded", "document.viewed", "room.updated"), seen.stream().map(m -> m.get("type")).toList());
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(start + 1 + i, ((Number) seen.get(i).get("seq")).longValue(), "one event per action");
            }
            assertEquals(room.proofId, seen.get(0).get("groupId"));
            assertEquals(List.of("status"), ((Map<?, ?>) seen.get(4).get("data")).get("changed"));
            assertEquals("APPROVED", ((Map<?, ?>) seen.get(6).get("data")).get("status"));
            Map<?, ?> viewed = (Map<?, ?>) seen.get(10).get("data");
            assertEquals(List.of(document, 1, room.owner.api().get("/api/rooms/{r}", room.roomId).then().extract()
                    .path("me.id")), List.of(viewed.get("documentId"), viewed.get("version"), viewed.get("memberId")));

            List<Map<String, Object>> outsiderSaw = outside.until(m -> "room.updated".equals(m.get("type")));
            assertEquals(List.of("room.updated"), outsiderSaw.stream().map(m -> m.get("type")).toList());
        }
    }
}

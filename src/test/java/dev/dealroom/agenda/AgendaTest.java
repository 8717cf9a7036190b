package dev.dealroom.agenda;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;

/** GET /api/me/agenda: what a person owes across their rooms, and nothing of a group they are not in. */
@QuarkusTest
class AgendaTest {

    private static final String PROOF = "/api/rooms/{r}/groups/proof";

    @Test
    void theAgendaListsMyTasksByDueDateOverdueFirstWithMySignoffsUnseenUpdatesNudgesAndMentions() {
        DealRoomFixture room = new DealRoomFixture();
        LocalDate today = LocalDate.now();
        String later = task(room.owner, room.roomId, "proof", "Review the pilot report", room.groupMemberId,
                today.plusDays(10));
        String undated = task(room.owner, room.roomId, "proof", "Share the architecture diagram", room.groupMemberId,
                null);
        String late = task(room.owner, room.roomId, "proof", "Send the data sample", room.groupMemberId,
                today.minusDays(3));
        String done = task(room.owner, room.roomId, "proof", "Sign the NDA", room.groupMemberId, today.minusDays(9));
        room.owner.api().body(Map.of("status", "DONE")).patch(PROOF + "/tasks/{t}", room.roomId, done).then()
                .statusCode(200);
        task(room.owner, room.roomId, "proof", "Someone else's task", room.decisionMakerId, today.minusDays(5));
        String signoff = room.owner.api().body(Map.of("title", "Proof accepted", "approverIds",
                List.of(room.groupMemberId, room.decisionMakerId))).post(PROOF + "/signoffs", room.roomId).then()
                .statusCode(201).extract().path("id");
        room.owner.api().body(Map.of("body", "Kick-off moved to Monday", "announcement", true))
                .post(PROOF + "/posts", room.roomId).then().statusCode(201);
        room.decisionMaker.api().body(Map.of("body", "Can you check the figures?", "mentions",
                List.of(room.groupMemberId))).post(PROOF + "/posts", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.groupMemberId).then().statusCode(201);

        room.groupMember.api().get("/api/me/agenda").then().statusCode(200)
                .body("rooms.roomId", contains(room.roomId))
                .body("rooms[0].memberId", equalTo(room.groupMemberId))
                .body("rooms[0].side", equalTo("BUYER"))
                .body("tasks.taskId", contains(late, later, undated))
                .body("tasks.overdue", contains(true, false, false))
                .body("tasks[0].place.roomId", equalTo(room.roomId))
                .body("tasks[0].place.groupId", equalTo(room.proofId))
                .body("tasks[0].place.groupKey", equalTo("proof"))
                .body("signoffs.signoffId", contains(signoff))
                .body("signoffs[0].title", equalTo("Proof accepted"))
                .body("keyUpdates.type", contains("post.created", "signoff.requested"))
                .body("keyUpdates.kind", contains("ANNOUNCEMENT", "SIGNOFF_REQUEST"))
                .body("keyUpdates.subject", contains("Kick-off moved to Monday", "Proof accepted"))
                .body("nudges.topic", contains("OVERDUE_TASKS"))
                .body("nudges[0].by", equalTo(room.owner.name()))
                .body("mentions.excerpt", contains("Can you check the figures?"))
                .body("mentions[0].author.name", equalTo(room.decisionMaker.name()));

        // Deciding and reading take items off the list.
        room.groupMember.api().body(Map.of("decision", "APPROVED"))
                .post(PROOF + "/signoffs/{s}/decision", room.roomId, signoff).then().statusCode(200);
        room.groupMember.api().body(Map.of("seq", room.seq())).put(PROOF + "/read", room.roomId).then()
                .statusCode(200);
        room.groupMember.api().get("/api/me/agenda").then().statusCode(200)
                .body("signoffs", empty())
                .body("keyUpdates", empty());
        // The decision-maker still owes the sign-off; the seller, who asked, owes nothing.
        room.decisionMaker.api().get("/api/me/agenda").then().body("signoffs.signoffId", contains(signoff));
        room.owner.api().get("/api/me/agenda").then().body("signoffs", empty()).body("tasks", empty())
                .body("mentions", empty()).body("rooms[0].owner", equalTo(true));
    }

    @Test
    void theAgendaGathersEveryRoomOfMineInOneDueDateOrder() {
        DealRoomFixture first = new DealRoomFixture();
        String second = DealRoomFixture.createRoom(first.owner, "Second room");
        String meThere = first.owner.api().body(Map.of("email", first.groupMember.email(), "name",
                first.groupMember.name(), "side", "BUYER", "groups", List.of("implementation")))
                .post("/api/rooms/{r}/members", second).then().statusCode(201).extract().path("id");
        LocalDate today = LocalDate.now();
        String soon = task(first.owner, second, "implementation", "Name the project lead", meThere, today.plusDays(1));
        String later = task(first.owner, first.roomId, "proof", "Book the review", first.groupMemberId,
                today.plusDays(4));
        String latest = task(first.owner, second, "implementation", "Plan the rollout", meThere, today.plusDays(8));

        first.groupMember.api().get("/api/me/agenda").then().statusCode(200)
                .body("rooms.roomId", containsInAnyOrder(first.roomId, second))
                .body("tasks.taskId", contains(soon, later, latest))
                .body("tasks.place.roomId", contains(second, first.roomId, second))
                .body("tasks[0].place.roomName", equalTo("Second room"));
    }

    @Test
    void nothingOfAGroupIAmNotInNorOfARoomIHaveLeftReachesMyAgenda() {
        DealRoomFixture room = new DealRoomFixture();
        LocalDate today = LocalDate.now();
        String mine = task(room.owner, room.roomId, "contracts", "Send the redlines", room.outsiderId,
                today.plusDays(2));
        task(room.owner, room.roomId, "proof", "Proof task for the group member", room.groupMemberId,
                today.plusDays(2));
        room.owner.api().body(Map.of("title", "Proof accepted", "approverIds", List.of(room.groupMemberId)))
                .post(PROOF + "/signoffs", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("body", "Proof-only announcement", "announcement", true,
                "mentions", List.of(room.groupMemberId))).post(PROOF + "/posts", room.roomId).then().statusCode(201);

        // The outsider is in contracts only: their own task, nothing of proof.
        room.outsider.api().get("/api/me/agenda").then().statusCode(200)
                .body("tasks.taskId", contains(mine))
                .body("signoffs", empty()).body("mentions", empty())
                .body("keyUpdates.place.groupKey", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("proof")));
        // A stranger and a login without a verified email have no rooms at all.
        room.stranger.api().get("/api/me/agenda").then().statusCode(200)
                .body("rooms", empty()).body("tasks", empty()).body("keyUpdates", empty());
        room.groupMember.unverified().api().get("/api/me/agenda").then().statusCode(200).body("rooms", empty());

        // Taken out of proof, the group member keeps ownership of the task but no longer sees it.
        room.owner.api().delete("/api/rooms/{r}/groups/proof/members/{m}", room.roomId, room.groupMemberId).then()
                .statusCode(204);
        room.groupMember.api().get("/api/me/agenda").then().statusCode(200)
                .body("rooms", hasSize(1)).body("tasks", empty()).body("signoffs", empty())
                .body("mentions", empty()).body("keyUpdates.place.groupKey",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("proof")));
        // Removed from the room, the outsider sees nothing of it, not even their nudge.
        room.owner.api().body(Map.of("topic", "OVERDUE_TASKS"))
                .post("/api/rooms/{r}/members/{m}/nudges", room.roomId, room.outsiderId).then().statusCode(201);
        room.owner.api().delete("/api/rooms/{r}/members/{m}", room.roomId, room.outsiderId).then().statusCode(204);
        room.outsider.api().get("/api/me/agenda").then().statusCode(200)
                .body("rooms", empty()).body("tasks", empty()).body("nudges", empty()).body("keyUpdates", empty());
    }

    @Test
    void aColleagueRequestWaitsInTheAgendaOfThoseWhoDecideItUntilItIsDecided() {
        DealRoomFixture room = new DealRoomFixture();
        Person colleague = Person.random("colleague");
        String request = room.groupMember.api().body(Map.of("email", colleague.email(), "name", colleague.name()))
                .post("/api/rooms/{r}/colleague-requests", room.roomId).then().statusCode(201).extract().path("id");
        for (Person decider : List.of(room.owner, room.decisionMaker)) {
            decider.api().get("/api/me/agenda").then().statusCode(200)
                    .body("colleagueRequests.requestId", contains(request))
                    .body("colleagueRequests[0].name", equalTo(colleague.name()))
                    .body("colleagueRequests[0].requestedBy", equalTo(room.groupMember.name()))
                    .body("colleagueRequests[0].roomId", equalTo(room.roomId));
        }
        // the requester and the other buyers decide nothing
        for (Person buyer : List.of(room.groupMember, room.outsider)) {
            buyer.api().get("/api/me/agenda").then().statusCode(200).body("colleagueRequests", empty());
        }
        room.decisionMaker.api().body(Map.of("decision", "DECLINED"))
                .post("/api/rooms/{r}/colleague-requests/{q}/decision", room.roomId, request).then().statusCode(200);
        room.owner.api().get("/api/me/agenda").then().statusCode(200).body("colleagueRequests", empty());
    }

    @Test
    void anExcerptKeepsTwoHundredCharactersAndNeverCutsOneInTwo() {
        assertEquals("short", AgendaService.excerpt("short"));
        String smileys = "😀".repeat(250);
        String cut = AgendaService.excerpt(smileys);
        assertEquals(200, cut.codePointCount(0, cut.length()));
        assertEquals(true, cut.endsWith("😀…"));
    }

    private static String task(Person by, String roomId, String group, String title, String ownerId, LocalDate due) {
        Map<String, Object> body = due == null ? Map.of("title", title, "ownerId", ownerId)
                : Map.of("title", title, "ownerId", ownerId, "dueDate", due.toString());
        return by.api().body(body)
                .post("/api/rooms/{r}/groups/{g}/tasks", roomId, group).then().statusCode(201).extract().path("id");
    }
}

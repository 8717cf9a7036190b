package dev.dealroom.signoff;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SignoffTest {

    @Test
    void approvedWhenEveryApproverApproves() {
        DealRoomFixture room = new DealRoomFixture();
        String signoff = request(room, room.groupMemberId, room.decisionMakerId);

        decide(room, room.groupMember, signoff, "APPROVED").then().statusCode(200)
                .body("status", equalTo("REQUESTED"));
        decide(room, room.decisionMaker, signoff, "APPROVED").then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("closedAt", notNullValue())
                .body("approvers.decision", contains("APPROVED", "APPROVED"));
    }

    @Test
    void rejectedAsSoonAsOneRejects() {
        DealRoomFixture room = new DealRoomFixture();
        String signoff = request(room, room.groupMemberId, room.decisionMakerId);
        room.decisionMaker.api().body(Map.of("decision", "REJECTED", "comment", "Latency misses the target"))
                .post("/api/rooms/{r}/groups/proof/signoffs/{s}/decision", room.roomId, signoff).then()
                .statusCode(200).body("status", equalTo("REJECTED"));
        decide(room, room.groupMember, signoff, "APPROVED").then().statusCode(409)
                .body("code", equalTo("signoff-closed"));
        room.owner.api().get("/api/rooms/{r}/groups/proof/signoffs/{s}", room.roomId, signoff).then()
                .body("approvers.find { it.memberId == '%s' }.comment".formatted(room.decisionMakerId),
                        equalTo("Latency misses the target"))
                .body("approvers.find { it.memberId == '%s' }.decision".formatted(room.groupMemberId), nullValue());
    }

    @Test
    void onlyApproversDecideAndOnlyOnce() {
        DealRoomFixture room = new DealRoomFixture();
        String signoff = request(room, room.groupMemberId, room.decisionMakerId);
        decide(room, room.owner, signoff, "APPROVED").then().statusCode(403).body("code", equalTo("forbidden"));
        decide(room, room.groupMember, signoff, "APPROVED").then().statusCode(200);
        decide(room, room.groupMember, signoff, "REJECTED").then().statusCode(409)
                .body("code", equalTo("already-decided"));
    }

    @Test
    void aWithdrawnSignoffCannotBeDecided() {
        DealRoomFixture room = new DealRoomFixture();
        String signoff = request(room, room.groupMemberId);
        room.groupMember.api().post("/api/rooms/{r}/groups/proof/signoffs/{s}/withdraw", room.roomId, signoff)
                .then().statusCode(403);
        room.owner.api().post("/api/rooms/{r}/groups/proof/signoffs/{s}/withdraw", room.roomId, signoff).then()
                .statusCode(200).body("status", equalTo("WITHDRAWN"));
        decide(room, room.groupMember, signoff, "APPROVED").then().statusCode(409)
                .body("code", equalTo("signoff-closed"));
        room.owner.api().post("/api/rooms/{r}/groups/proof/signoffs/{s}/withdraw", room.roomId, signoff).then()
                .statusCode(409);
    }

    @Test
    void approversMustBeInTheGroup() {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("title", "Terms agreed", "approverIds", List.of(room.groupMemberId,
                room.outsiderId))).post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then().statusCode(400)
                .body("errors.field", contains("approverIds[1]"));
        room.owner.api().body(Map.of("title", "Terms agreed", "approverIds", List.of()))
                .post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then().statusCode(400)
                .body("errors.field", contains("approverIds"));
    }

    private static String request(DealRoomFixture room, String... approvers) {
        return room.owner.api().body(Map.of("title", "Proof of concept accepted", "approverIds", List.of(approvers)))
                .post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then().statusCode(201)
                .body("status", equalTo("REQUESTED")).extract().path("id");
    }

    private static Response decide(DealRoomFixture room, Person who, String signoff, String decision) {
        return who.api().body(Map.of("decision", decision))
                .post("/api/rooms/{r}/groups/proof/signoffs/{s}/decision", room.roomId, signoff);
    }
}

package dev.dealroom.access;

import java.util.List;
import java.util.Map;

import dev.dealroom.support.DealRoomFixture;

/** Items in the fixture's proof group for the matrix's by-id rows, each made by the person the row assumes. */
final class GroupContent {

    private GroupContent() {
    }

    /** A post by the proof buyer (so only they may edit or delete it). */
    static String post(DealRoomFixture room) {
        return room.groupMember.api().body(Map.of("body", "Pilot results attached"))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201).extract().path("id");
    }

    /** An unassigned task made by the owner (so the proof buyer, neither its owner nor a manager, may not edit it). */
    static String task(DealRoomFixture room) {
        return room.owner.api().body(Map.of("title", "Connect the data warehouse"))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201).extract().path("id");
    }

    /** A sign-off asked by the owner of the proof buyer alone. */
    static String signoff(DealRoomFixture room) {
        return room.owner.api().body(Map.of("title", "Proof accepted", "approverIds", List.of(room.groupMemberId)))
                .post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then().statusCode(201).extract().path("id");
    }

    /** A document shared by the proof buyer. */
    static String document(DealRoomFixture room) {
        return room.groupMember.api().contentType("multipart/form-data")
                .multiPart("file", "results.csv", "metric,value\nlatency,42\n".getBytes(), "text/csv")
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(201).extract().path("id");
    }
}

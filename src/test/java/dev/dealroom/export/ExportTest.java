package dev.dealroom.export;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The room's ZIP and the personal one, unpacked: what they hold is what the downloader may see (a group they are not
 * in gives nothing, not even its id), document bytes come out as they went in, the summary escapes what members
 * wrote, the personal export holds only the caller's own data, and every download is an event.
 */
@QuarkusTest
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDecisionMakerOutsideAGroupGetsNothingOfItWhileTheOwnerGetsEverything() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        Person sealedOff = Person.random("cfo");
        room.addMember(room.owner, sealedOff, "BUYER", true, "contracts");
        String secret = "sealed-proof-" + UUID.randomUUID();
        post(room.groupMember, room, "proof", secret);
        task(room.groupMember, room, "proof", "task-" + secret);
        upload(room.groupMember, room, "proof", "findings.txt", ("doc-" + secret).getBytes(StandardCharsets.UTF_8));
        room.decisionMaker.api().body(Map.of("title", "signoff-" + secret, "approverIds", List.of(room.groupMemberId)))
                .post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then().statusCode(201);
        String open = "contracts-" + UUID.randomUUID();
        post(room.owner, room, "contracts", open);

        Map<String, byte[]> zip = roomZip(sealedOff.api(), room);
        String everything = String.join("\n", zip.keySet()) + "\n" + text(zip);
        assertFalse(everything.contains(secret), "nothing of proof's content");
        assertFalse(everything.contains(room.proofId), "not even proof's id");
        assertFalse(everything.contains("Proof of concept"), "nor its name");
        assertTrue(text(zip.get("posts.json")).contains(open));
        assertTrue(json(zip, "groups.json").findValuesAsText("key").contains("contracts"));
        assertFalse(json(zip, "groups.json").findValuesAsText("key").contains("proof"));
        assertTrue(zip.keySet().stream().noneMatch(name -> name.startsWith("documents/") && name.contains("findings")));

        Map<String, byte[]> owners = roomZip(room.owner.api(), room);
        assertTrue(text(owners.get("posts.json")).contains(secret));
        assertTrue(text(owners.get("tasks.json")).contains("task-" + secret));
        assertTrue(text(owners.get("signoffs.json")).contains("signoff-" + secret));
        assertTrue(text(owners.get("summary.html")).contains("task-" + secret));
        String file = json(owners, "documents.json").get(0).path("files").path("1").asText();
        assertArrayEquals(("doc-" + secret).getBytes(StandardCharsets.UTF_8), owners.get(file));
    }

    @Test
    void theEventsAreThoseTheDownloaderReadsFromTheLogUpToTheExport() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        post(room.groupMember, room, "proof", "hello");
        Map<String, byte[]> zip = roomZip(room.decisionMaker.api(), room);
        JsonNode exported = json(zip, "events.json");
        JsonNode fromApi = JSON.readTree(room.decisionMaker.api().get("/api/rooms/{r}/events?since=0", room.roomId)
                .then().statusCode(200).extract().asByteArray()).get("events");
        assertEquals(fromApi, exported);
        assertEquals("export.downloaded", exported.get(exported.size() - 1).path("type").asText());
    }

    @Test
    void everyVersionsBytesComeOutIdenticalAndNamesAreSafeAndUnique() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        byte[] first = bigText("first");
        byte[] second = bigText("second");
        upload(room.groupMember, room, "proof", "Plan.txt", first);
        upload(room.groupMember, room, "proof", "Plan.txt", second);
        upload(room.groupMember, room, "proof", "a:b.txt", "colon".getBytes(StandardCharsets.UTF_8));
        upload(room.groupMember, room, "proof", "a_b.txt", "underscore".getBytes(StandardCharsets.UTF_8));
        String groupId = room.owner.api().body(Map.of("name", "../../etc"))
                .post("/api/rooms/{r}/groups", room.roomId).then().statusCode(201).extract().path("id");
        upload(room.owner, room, groupId, "..txt", "dots".getBytes(StandardCharsets.UTF_8));

        // Streamed as it is written, not assembled first: chunks, no length known in advance.
        room.owner.api().get("/api/rooms/{r}/export", room.roomId).then().statusCode(200)
                .header("Transfer-Encoding", "chunked").header("Content-Length", nullValue());
        Map<String, byte[]> zip = roomZip(room.owner.api(), room);
        for (String name : zip.keySet()) {
            assertFalse(name.startsWith("/") || name.contains("\\") || name.contains(":"), name);
            assertTrue(List.of(name.split("/")).stream().noneMatch(part -> part.isEmpty() || part.startsWith(".")),
                    name);
        }
        Map<String, byte[]> byName = new LinkedHashMap<>();
        for (JsonNode document : json(zip, "documents.json")) {
            document.path("files").fields().forEachRemaining(file -> {
                byte[] bytes = zip.get(file.getValue().asText());
                assertTrue(bytes != null, file.getValue().asText());
                byName.put(document.path("document").path("name").asText() + "#" + file.getKey(), bytes);
            });
        }
        assertArrayEquals(first, byName.get("Plan.txt#1"));
        assertArrayEquals(second, byName.get("Plan.txt#2"));
        assertArrayEquals("colon".getBytes(StandardCharsets.UTF_8), byName.get("a:b.txt#1"));
        assertArrayEquals("underscore".getBytes(StandardCharsets.UTF_8), byName.get("a_b.txt#1"));
        assertArrayEquals("dots".getBytes(StandardCharsets.UTF_8), byName.get("..txt#1"));
        assertEquals(5, byName.size());
    }

    @Test
    void theSummaryEscapesWhatMembersWroteAndSpeaksTheDownloadersLanguage() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        task(room.owner, room, "steering", "<script>alert(1)</script> & \"Q\"");
        room.owner.api().body(Map.of("title", "<img src=x onerror=alert(2)>", "approverIds",
                List.of(room.decisionMakerId))).post("/api/rooms/{r}/groups/steering/signoffs", room.roomId)
                .then().statusCode(201);

        String english = text(roomZip(room.owner.api(), room).get("summary.html"));
        assertTrue(english.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&quot;"), english);
        assertTrue(english.contains("&lt;img src=x onerror=alert(2)&gt;"), english);
        assertFalse(english.contains("<script") || english.contains("<img"), english);
        assertTrue(english.contains("Timeline") && english.contains("Decisions"), english);

        String french = text(roomZip(room.decisionMaker.api().header("Accept-Language", "fr"), room)
                .get("summary.html"));
        assertTrue(french.contains("<html lang=\"fr\">") && french.contains("Chronologie"), french);
    }

    @Test
    void myDataHoldsOnlyWhatIsMineFromEachOfMyRooms() throws IOException {
        DealRoomFixture room = new DealRoomFixture();
        String mine = "mine-" + UUID.randomUUID();
        String theirs = "theirs-" + UUID.randomUUID();
        post(room.groupMember, room, "proof", mine);
        post(room.owner, room, "proof", theirs);
        task(room.owner, room, "proof", "task-" + theirs);
        upload(room.groupMember, room, "proof", "mine.txt", ("bytes-" + mine).getBytes(StandardCharsets.UTF_8));
        upload(room.owner, room, "proof", "theirs.txt", ("bytes-" + theirs).getBytes(StandardCharsets.UTF_8));
        String signoff = room.owner.api().body(Map.of("title", "Pilot accepted", "approverIds",
                List.of(room.groupMemberId, room.decisionMakerId)))
                .post("/api/rooms/{r}/groups/proof/signoffs", room.roomId).then().statusCode(201).extract().path("id");
        room.decisionMaker.api().body(Map.of("decision", "REJECTED", "comment", "comment-" + theirs))
                .post("/api/rooms/{r}/groups/proof/signoffs/{s}/decision", room.roomId, signoff).then().statusCode(200);
        String otherRoom = DealRoomFixture.createRoom(room.owner, "Second evaluation");
        room.owner.api().body(Map.of("email", room.groupMember.email(), "name", room.groupMember.name(), "side",
                "BUYER")).post("/api/rooms/{r}/members", otherRoom).then().statusCode(201);

        Response response = room.groupMember.api().get("/api/me/export");
        response.then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", containsString("attachment"));
        Map<String, byte[]> zip = unzip(response.asByteArray());
        String everything = String.join("\n", zip.keySet()) + "\n" + text(zip);
        assertFalse(everything.contains(theirs), "nothing another member wrote");
        String folder = zip.keySet().stream().filter(name -> name.endsWith("data.json"))
                .filter(name -> json(zip, name).path("room").path("id").asText().equals(room.roomId))
                .findFirst().orElseThrow().replace("/data.json", "");
        JsonNode data = json(zip, folder + "/data.json");
        assertEquals(room.groupMemberId, data.path("member").path("id").asText());
        assertEquals(List.of(mine), data.path("posts").findValuesAsText("body"));
        assertEquals(0, data.path("tasks").size());
        assertEquals(signoff, data.path("decisions").get(0).path("signoffId").asText());
        assertTrue(data.path("notificationSettings").has("digest"));
        JsonNode upload = data.path("documents").get(0);
        assertEquals(1, data.path("documents").size());
        assertArrayEquals(("bytes-" + mine).getBytes(StandardCharsets.UTF_8), zip.get(upload.path("file").asText()));
        assertEquals(2, zip.keySet().stream().filter(name -> name.endsWith("data.json")).count(), "both rooms");
    }

    @Test
    void eachDownloadIsAnEventForTheManagersAndTheDownloaderCommittedFirst() {
        DealRoomFixture room = new DealRoomFixture();
        long before = room.seq();
        roomZip(room.decisionMaker.api(), room);
        room.owner.api().get("/api/rooms/{r}/events?since={s}", room.roomId, before).then().statusCode(200)
                .body("events.type", equalTo(List.of("export.downloaded")))
                .body("events[0].groupId", equalTo(null))
                .body("events[0].data.kind", equalTo("ROOM"))
                .body("events[0].data.requesterId", equalTo(room.decisionMakerId));
        room.groupMember.api().get("/api/rooms/{r}/events?since={s}", room.roomId, before).then().statusCode(200)
                .body("events.size()", equalTo(0));

        long next = room.seq();
        room.groupMember.api().get("/api/me/export").then().statusCode(200);
        room.groupMember.api().get("/api/rooms/{r}/events?since={s}", room.roomId, next).then().statusCode(200)
                .body("events.type", equalTo(List.of("export.downloaded")))
                .body("events[0].data.kind", equalTo("PERSONAL"))
                .body("events[0].data.requesterId", equalTo(room.groupMemberId));
        room.outsider.api().get("/api/rooms/{r}/events?since={s}", room.roomId, next).then().statusCode(200)
                .body("events.size()", equalTo(0));
    }

    @Test
    void refusalsAreProblemsAndAClosedRoomStillDownloads() {
        DealRoomFixture room = new DealRoomFixture();
        room.groupMember.api().get("/api/rooms/{r}/export", room.roomId).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        room.stranger.api().get("/api/rooms/{r}/export", room.roomId).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not-found"));
        room.owner.api().get("/api/rooms/{r}/export", UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("not-found"));
        room.owner.api().body(Map.of("status", "WON", "closeReason", "Signed")).patch("/api/rooms/{r}", room.roomId)
                .then().statusCode(200);
        roomZip(room.owner.api(), room);
        roomZip(room.decisionMaker.api(), room);
    }

    private static Map<String, byte[]> roomZip(RequestSpecification as, DealRoomFixture room) {
        Response response = as.get("/api/rooms/{r}/export", room.roomId);
        response.then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", containsString("attachment; filename"))
                .header("Cache-Control", "no-store");
        try {
            return unzip(response.asByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertTrue(entries.put(entry.getName(), zip.readAllBytes()) == null, "one entry " + entry.getName());
            }
        }
        return entries;
    }

    private static JsonNode json(Map<String, byte[]> zip, String name) {
        try {
            return JSON.readTree(zip.get(name));
        } catch (IOException e) {
            throw new AssertionError(name, e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String text(Map<String, byte[]> zip) {
        StringBuilder all = new StringBuilder();
        zip.values().forEach(bytes -> all.append(text(bytes)).append('\n'));
        return all.toString();
    }

    private static byte[] bigText(String seed) {
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 400_000; line++) {
            text.append(seed).append(' ').append(line).append(" é ").append(UUID.randomUUID()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void post(Person who, DealRoomFixture room, String group, String body) {
        who.api().body(Map.of("body", body)).post("/api/rooms/{r}/groups/{g}/posts", room.roomId, group).then()
                .statusCode(201);
    }

    private static void task(Person who, DealRoomFixture room, String group, String title) {
        who.api().body(Map.of("title", title)).post("/api/rooms/{r}/groups/{g}/tasks", room.roomId, group).then()
                .statusCode(201);
    }

    private static void upload(Person who, DealRoomFixture room, String group, String name, byte[] bytes) {
        who.api().contentType("multipart/form-data").multiPart("file", name, bytes, "text/plain")
                .post("/api/rooms/{r}/groups/{g}/documents", room.roomId, group).then().statusCode(201);
    }
}

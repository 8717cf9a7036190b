package dev.dealroom.common;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.LiveClient;
import dev.dealroom.support.Person;
import dev.dealroom.support.SentMails;
import dev.dealroom.support.TestClock;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Each limit of {@code dealroom.limits}, made small here: the request past it answers 429 {@code rate-limited} with
 * {@code Retry-After}, and changes nothing. Then the header timeout, against raw sockets that trickle.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    /** Limits a test reaches in a few requests (the rest of the suite runs with the defaults). */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dealroom.limits.writes-per-minute", "8",
                    "dealroom.limits.rooms-per-day", "2",
                    "dealroom.limits.invitations-per-member-per-hour", "3",
                    "dealroom.limits.live-tickets-per-login", "2",
                    "dealroom.limits.sockets-per-room", "2",
                    "dealroom.limits.exports-per-hour", "2",
                    "dealroom.limits.header-timeout", "1s");
        }
    }

    private static final Pattern LINK = Pattern.compile("/#/join/([A-Za-z0-9_-]{43})");
    /** How long a connection the server should drop may stay open before the test gives up on it. */
    private static final Duration DROPPED_WITHIN = Duration.ofSeconds(10);

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void writesPastTheMinutesLimitAreRefusedUntilTheNextMinute() {
        clock.fix(Instant.parse("2030-01-07T10:00:20Z"), ZoneOffset.UTC);
        Person writer = Person.random("writer");
        String roomId = DealRoomFixture.createRoom(writer, "Busy room");
        for (int i = 1; i <= 7; i++) {
            post(writer, roomId, "Post " + i).then().statusCode(201);
        }
        long seq = seq(writer, roomId);

        Response refused = post(writer, roomId, "One too many");
        refused.then().statusCode(429).body("code", equalTo("rate-limited"))
                .body("detail", equalTo("At most 8 write requests per minute; try again in 40 seconds"));
        assertEquals("40", refused.header("Retry-After"), "the rest of the minute");

        assertEquals(7, posts(writer, roomId).size());
        assertEquals(seq, seq(writer, roomId));
        // Another login writes as before.
        DealRoomFixture.createRoom(Person.random("neighbour"), "Quiet room");

        clock.advance(Duration.ofSeconds(40));
        post(writer, roomId, "Next minute").then().statusCode(201);
    }

    @Test
    void aNodeWhoseClockLagsCountsIntoTheMinuteAnotherHasStarted() {
        clock.fix(Instant.parse("2030-01-07T10:01:20Z"), ZoneOffset.UTC);
        Person writer = Person.random("writer");
        String roomId = DealRoomFixture.createRoom(writer, "Skewed room");
        for (int i = 1; i <= 6; i++) {
            post(writer, roomId, "Post " + i).then().statusCode(201);
        }
        // A node 30 seconds behind, still in the minute before: its write counts as the minute's eighth.
        clock.fix(Instant.parse("2030-01-07T10:00:50Z"), ZoneOffset.UTC);
        post(writer, roomId, "From the node behind").then().statusCode(201);

        clock.fix(Instant.parse("2030-01-07T10:01:25Z"), ZoneOffset.UTC);
        Response refused = post(writer, roomId, "One too many");
        refused.then().statusCode(429).body("code", equalTo("rate-limited"));
        assertEquals("35", refused.header("Retry-After"), "the rest of the minute");
        clock.fix(Instant.parse("2030-01-07T10:00:55Z"), ZoneOffset.UTC);
        post(writer, roomId, "Behind, one too many").then().statusCode(429);
        assertEquals(7, posts(writer, roomId).size());
    }

    @Test
    void exportsPastTheHoursLimitAreRefusedBeforeAnyIsRecordedAndOneOfMyDataCountsOnce() {
        Person owner = Person.random("exporter");
        String roomId = DealRoomFixture.createRoom(owner, "Exported room");
        DealRoomFixture.createRoom(owner, "Another room");
        owner.api().get("/api/me/export").then().statusCode(200); // two rooms, one download
        owner.api().get("/api/rooms/{r}/export", roomId).then().statusCode(200);
        long seq = seq(owner, roomId);

        Response refused = owner.api().get("/api/rooms/{r}/export", roomId);
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("rate-limited"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 3_600, "until the first export is an hour old: " + retryAfter);
        owner.api().get("/api/me/export").then().statusCode(429);
        assertEquals(seq, seq(owner, roomId), "a refused export is not recorded");
    }

    @Test
    void roomsPastTheDaysLimitAreRefusedAndARetryStillAnswersTheRoomItOpened() {
        Person opener = Person.random("opener");
        String first = openRoom(opener, "r-1").then().statusCode(201).extract().path("room.id");
        openRoom(opener, "r-2").then().statusCode(201);

        Response refused = openRoom(opener, "r-3");
        refused.then().statusCode(429).body("code", equalTo("rate-limited"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 86_400, "until the first room is a day old: " + retryAfter);

        assertEquals(2, opener.api().get("/api/rooms").then().statusCode(200).extract().<Integer>path("size()"),
                "nothing opened");
        openRoom(opener, "r-1").then().statusCode(201).body("room.id", equalTo(first));

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        openRoom(opener, "r-3").then().statusCode(201);
    }

    @Test
    void invitationLinksPastTheHoursLimitAreRefusedAndTheOpenLinkStillWorks() {
        Person owner = Person.random("seller");
        Person guest = Person.random("guest");
        String roomId = DealRoomFixture.createRoom(owner, "Invitations room");
        String guestId = owner.api()
                .body(Map.of("email", guest.email(), "name", guest.name(), "side", "BUYER"))
                .post("/api/rooms/{r}/members", roomId).then().statusCode(201).extract().path("id");
        for (int i = 0; i < 2; i++) {
            resend(owner, roomId, guestId).then().statusCode(201);
        }
        List<Mail> mailed = SentMails.to(guest.email());
        assertEquals(3, mailed.size());
        long seq = seq(owner, roomId);

        Response refused = resend(owner, roomId, guestId);
        refused.then().statusCode(429).body("code", equalTo("rate-limited"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 3_600, "until the first link is an hour old: " + retryAfter);

        assertEquals(3, SentMails.to(guest.email()).size(), "no mail");
        assertEquals(seq, seq(owner, roomId), "no event");
        List<String> open = owner.api().get("/api/rooms/{r}/invitations", roomId).then().statusCode(200)
                .extract().path("findAll { it.status == 'OPEN' }.memberId");
        assertEquals(List.of(guestId), open, "the last link was not revoked");
        Matcher link = LINK.matcher(mailed.get(2).getText());
        assertTrue(link.find());
        guest.api().body(Map.of("token", link.group(1))).post("/api/invitations/claim").then().statusCode(200);
    }

    @Test
    void removingAndAddingAgainDoesNotResetTheAddresssInvitationEmails() {
        Person owner = Person.random("seller");
        Person guest = Person.random("guest");
        String roomId = DealRoomFixture.createRoom(owner, "Churn room");
        String guestId = add(owner, roomId, guest.email()).then().statusCode(201).extract().path("id");
        owner.api().delete("/api/rooms/{r}/members/{m}", roomId, guestId).then().statusCode(204);
        // Written otherwise, the same address.
        guestId = add(owner, roomId, guest.email().toUpperCase(java.util.Locale.ROOT)).then().statusCode(201)
                .extract().path("id");
        resend(owner, roomId, guestId).then().statusCode(201);
        owner.api().delete("/api/rooms/{r}/members/{m}", roomId, guestId).then().statusCode(204);
        assertEquals(3, SentMails.to(guest.email()).size());
        long seq = seq(owner, roomId);
        int members = members(owner, roomId);

        Response refused = add(owner, roomId, guest.email());
        refused.then().statusCode(429).body("code", equalTo("rate-limited"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 3_600, "until the first email is an hour old: " + retryAfter);
        assertEquals(3, SentMails.to(guest.email()).size(), "no mail");
        assertEquals(seq, seq(owner, roomId), "no event");
        assertEquals(members, members(owner, roomId), "no member");

        // The limit is the address's, whichever room it is invited to.
        Person other = Person.random("seller");
        String otherRoom = DealRoomFixture.createRoom(other, "Other room");
        add(other, otherRoom, guest.email()).then().statusCode(429).body("code", equalTo("rate-limited"));
        assertEquals(1, members(other, otherRoom), "the owner only");

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        add(owner, roomId, guest.email()).then().statusCode(201);
        assertEquals(4, SentMails.to(guest.email()).size());
    }

    @Test
    void concurrentAddsOfOneAddressStayWithinItsInvitationEmails() throws Exception {
        Person guest = Person.random("guest");
        List<Person> owners = new ArrayList<>();
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            owners.add(Person.random("seller"));
            rooms.add(DealRoomFixture.createRoom(owners.get(i), "Room " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                answers.add(pool.submit(() -> add(owners.get(n), rooms.get(n), guest.email()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(3, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
        assertEquals(3, SentMails.to(guest.email()).size());
    }

    @Test
    void liveTicketsPastTheLimitAreRefusedUntilOneIsUsed() {
        Person owner = Person.random("seller");
        String roomId = DealRoomFixture.createRoom(owner, "Tickets room");
        String ticket = ticket(owner, roomId).then().statusCode(201).extract().path("ticket");
        ticket(owner, roomId).then().statusCode(201);

        Response refused = ticket(owner, roomId);
        refused.then().statusCode(429).body("code", equalTo("rate-limited"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 30, "until the first ticket expires: " + retryAfter);
        assertEquals(2, ticketsHeldBy(owner), "nothing stored");

        try (LiveClient browser = LiveClient.open(roomId, "?ticket=" + ticket, Map.of())) {
            browser.replay();
        }
        ticket(owner, roomId).then().statusCode(201);
    }

    @Test
    void socketsPastTheLimitAreRefusedAtTheUpgradeAndTheOpenOnesCarryOn() throws InterruptedException {
        Person owner = Person.random("seller");
        String roomId = DealRoomFixture.createRoom(owner, "Sockets room");
        String ticket = ticket(owner, roomId).then().statusCode(201).extract().path("ticket");
        try (LiveClient first = LiveClient.connect(owner, roomId, 0);
                LiveClient second = LiveClient.connect(owner, roomId, 0)) {
            first.replay();
            second.replay();

            HttpResponse<?> refused = LiveClient
                    .refusedWith(roomId, "", Map.of("Authorization", "Bearer " + owner.token()))
                    .orElseThrow(() -> new AssertionError("a third socket was accepted"));
            assertEquals(429, refused.statusCode());
            assertEquals("30", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals(429, LiveClient.refusal(roomId, "?ticket=" + ticket, Map.of()));

            post(owner, roomId, "Still live").then().statusCode(201);
            assertEquals("Still live", body(first.nextOfType("post.created")));
            assertEquals("Still live", body(second.nextOfType("post.created")));
        }
        // The refused upgrade left its ticket unused: it opens a socket once the server has seen the others go.
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Optional<HttpResponse<?>> refused;
        while ((refused = LiveClient.refusedWith(roomId, "?ticket=" + ticket, Map.of())).isPresent()) {
            assertEquals(429, refused.get().statusCode());
            assertTrue(System.nanoTime() < until, "the closed sockets still count");
            Thread.sleep(100);
        }
    }

    @Test
    void socketsOpenedAtTheSameMomentStayWithinTheLimit() throws Exception {
        Person owner = Person.random("seller");
        String roomId = DealRoomFixture.createRoom(owner, "Burst room");
        String token = "Bearer " + owner.token();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<LiveClient> open = new ArrayList<>();
        try {
            List<Future<Object>> upgrades = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                upgrades.add(threads.submit(() -> {
                    try {
                        return LiveClient.open(roomId, "", Map.of("Authorization", token));
                    } catch (RuntimeException refused) {
                        return refused;
                    }
                }));
            }
            int refusedAtUpgrade = 0;
            int closedTooMany = 0;
            for (Future<Object> upgrade : upgrades) {
                if (upgrade.get() instanceof LiveClient client) {
                    int closed = client.firstMessageOrClose();
                    if (closed == 0) {
                        open.add(client);
                    } else {
                        assertEquals(4429, closed);
                        closedTooMany++;
                    }
                } else {
                    refusedAtUpgrade++;
                }
            }
            assertEquals(2, open.size(), refusedAtUpgrade + " refused at the upgrade, " + closedTooMany + " closed");
            assertEquals(429, LiveClient.refusal(roomId, "", Map.of("Authorization", token)));
        } finally {
            threads.shutdownNow();
            open.forEach(LiveClient::close);
        }
    }

    @Test
    void aConnectionThatDoesNotSendItsHeadersInTimeIsDropped() throws IOException {
        try (Socket silent = connect()) {
            assertDropped(silent, null);
        }
        try (Socket trickling = connect()) {
            trickling.getOutputStream()
                    .write("GET /api/me HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            assertDropped(trickling, "X-Slow: ");
        }
    }

    @Test
    void aKeptAliveConnectionWaitsForItsNextRequestButNotForSlowHeaders() throws Exception {
        try (Socket connection = connect()) {
            assertEquals(401, exchange(connection));
            Thread.sleep(2_500);
            assertEquals(401, exchange(connection), "an idle kept-alive connection is left to the idle timeout");

            connection.getOutputStream().write("GET /api/me HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertDropped(connection, "X-Slow: ");
        }
    }

    @Test
    void aWebSocketOutlivesTheHeaderTimeout() throws InterruptedException {
        Person owner = Person.random("seller");
        String roomId = DealRoomFixture.createRoom(owner, "Quiet socket room");
        try (LiveClient socket = LiveClient.connect(owner, roomId, 0)) {
            socket.replay();
            Thread.sleep(2_500);
            socket.send("{\"type\": \"ping\"}");
            Thread.sleep(2_500);
            post(owner, roomId, "Still there").then().statusCode(201);
            assertEquals("Still there", body(socket.nextOfType("post.created")));
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(200);
        return socket;
    }

    /**
     * Trickles {@code trickle} (or nothing) a byte at a time until the server closes the connection, which it must
     * do before {@link #DROPPED_WITHIN}.
     */
    private static void assertDropped(Socket socket, String trickle) throws IOException {
        long until = System.nanoTime() + DROPPED_WITHIN.toNanos();
        byte[] bytes = trickle == null ? new byte[0] : trickle.repeat(1_000).getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        int sent = 0;
        while (System.nanoTime() < until) {
            try {
                if (sent < bytes.length) {
                    out.write(bytes[sent++]);
                    out.flush();
                }
                if (in.read() == -1) {
                    return;
                }
            } catch (SocketTimeoutException stillOpen) {
                continue;
            } catch (IOException reset) {
                return;
            }
        }
        throw new AssertionError("the connection was still open after " + DROPPED_WITHIN + " (" + sent
                + " bytes sent)");
    }

    /** Sends one request on the connection and reads its response; answers the status. */
    private static int exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /api/me HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next == -1) {
                throw new IOException("closed by the server");
            }
            head.write(next);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        assertTrue(length.find(), headers);
        in.readNBytes(Integer.parseInt(length.group(1)));
        socket.setSoTimeout(200);
        return Integer.parseInt(headers.substring(9, 12));
    }

    private static Response post(Person author, String roomId, String body) {
        return author.api().body(Map.of("body", body)).post("/api/rooms/{r}/groups/everyone/posts", roomId);
    }

    private static List<Object> posts(Person reader, String roomId) {
        return reader.api().get("/api/rooms/{r}/groups/everyone/posts", roomId).then().statusCode(200)
                .extract().path("posts");
    }

    private static long seq(Person member, String roomId) {
        return member.api().get("/api/rooms/{r}", roomId).then().statusCode(200).extract().<Number>path("seq")
                .longValue();
    }

    private static Response openRoom(Person owner, String clientId) {
        return owner.api().body(Map.of("name", "Room " + clientId, "prospectAccount", "Northwind",
                "targetDecisionDate", "2027-03-31", "clientId", clientId)).post("/api/rooms");
    }

    private static Response add(Person manager, String roomId, String email) {
        return manager.api().body(Map.of("email", email, "name", "Guest", "side", "BUYER"))
                .post("/api/rooms/{r}/members", roomId);
    }

    private static int members(Person member, String roomId) {
        return member.api().get("/api/rooms/{r}/members", roomId).then().statusCode(200).extract()
                .<Integer>path("size()");
    }

    private static Response resend(Person manager, String roomId, String memberId) {
        return manager.api().post("/api/rooms/{r}/members/{m}/invitations", roomId, memberId);
    }

    private static Response ticket(Person member, String roomId) {
        return member.api().post("/api/rooms/{r}/live-tickets", roomId);
    }

    private long ticketsHeldBy(Person person) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from live_ticket where subject = ?1")
                .setParameter(1, "sub-" + person.email()).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private static String body(Map<String, Object> event) {
        return (String) ((Map<String, Object>) Objects.requireNonNull(event.get("data"))).get("body");
    }
}

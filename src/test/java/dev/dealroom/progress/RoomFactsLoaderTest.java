package dev.dealroom.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.support.DealRoomFixture;
import dev.dealroom.support.Person;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the pipeline loads to sort by health is less than the progress view's facts, and gives each viewer the
 * health the whole facts give: rooms on track, at risk (blocked, overdue, idle, unseen) and off track.
 */
@QuarkusTest
class RoomFactsLoaderTest {

    @Inject
    RoomFactsLoader loader;

    @Inject
    AccessPolicy access;

    @Inject
    DealRoomConfig config;

    @Inject
    Clock clock;

    @Inject
    DataSource dataSource;

    @Test
    void healthFromWhatThePipelineLoadsIsTheHealthOfTheWholeFacts() throws SQLException {
        DealRoomFixture room = new DealRoomFixture();
        room.owner.api().body(Map.of("body", "Kick-off on Monday", "announcement", true))
                .post("/api/rooms/{r}/groups/proof/posts", room.roomId).then().statusCode(201);
        room.owner.api().body(Map.of("title", "Data sample", "dueDate", "2020-02-02"))
                .post("/api/rooms/{r}/groups/proof/tasks", room.roomId).then().statusCode(201);
        task(room.owner, room.roomId, "contracts", "Redlines", Map.of("status", "BLOCKED", "blockedReason", "Away"));
        task(room.owner, room.roomId, "contracts", "Old and done", Map.of("status", "DONE", "dueDate", "2020-01-01"));
        // Ten days on: the announcement is unseen long enough to be a reason, and the workstreams idle.
        age(room.roomId);
        String fresh = DealRoomFixture.createRoom(room.owner, "On track");
        String late = DealRoomFixture.createRoom(room.owner, "Late milestone");
        room.owner.api().body(Map.of("title", "Pilot", "dueDate", "2020-01-01", "milestone", true))
                .post("/api/rooms/{r}/groups/proof/tasks", late).then().statusCode(201);

        Set<String> verdicts = new HashSet<>();
        for (Person viewer : List.of(room.owner, room.decisionMaker, room.groupMember, room.outsider)) {
            QuarkusTransaction.requiringNew().run(() -> {
                ZonedDateTime now = ZonedDateTime.now(clock);
                Map<UUID, RoomFacts> pipeline = loader.roomsOf(viewer.email(), false, java.time.Instant.EPOCH);
                loader.addHealth(pipeline.values(), viewer.email(), now.toLocalDate());
                ProgressCalculator calculator = new ProgressCalculator(config.progress().idleAfter(),
                        config.progress().unseenAfter());
                for (RoomFacts partial : pipeline.values()) {
                    RoomFacts whole = loader.load(List.of(partial.room.id()), now.toLocalDate())
                            .get(partial.room.id());
                    RoomFacts.Member me = whole.members.stream().filter(m -> m.email().equals(viewer.email()))
                            .findFirst().orElseThrow();
                    RoomMember member = new RoomMember(me.id(), whole.room.id(), me.name(), me.owner(),
                            me.decisionMaker(), "SELLER".equals(me.side()));
                    Set<UUID> own = whole.groupsOf(me.id());
                    Set<UUID> scope = access.figureScope(member, own, whole.groups.stream()
                            .map(RoomFacts.Group::id).collect(Collectors.toSet()));
                    ProgressView view = calculator.calculate(whole, member.manager(), scope, own, now);
                    ProgressCalculator.Summary summary = calculator.summarise(partial, scope, own, now);
                    String who = viewer.email() + " in " + partial.room.name();
                    assertEquals(view.health().verdict(), summary.verdict(), who);
                    assertEquals(view.health().reasons().size(), summary.reasons(), who);
                    verdicts.add(summary.verdict() + " " + summary.reasons());

                    // Of the members, the viewer and those who owe a key update; of the tasks, open ones' figures.
                    Set<UUID> owing = new HashSet<>(Set.of(me.id()));
                    partial.owedBy.values().forEach(owing::addAll);
                    assertEquals(owing, partial.members.stream().map(RoomFacts.Member::id)
                            .collect(Collectors.toSet()), who);
                    partial.tasks.forEach((group, figures) -> {
                        RoomFacts.TaskFigures all = whole.tasks.get(group);
                        assertEquals(RoomFacts.TaskFigures.health(all.overdue(), all.blocked()), figures, who);
                        assertTrue(figures.overdue() + figures.blocked() > 0, who);
                    });
                }
            });
        }
        assertTrue(verdicts.stream().map(v -> v.split(" ")[0]).collect(Collectors.toSet())
                .containsAll(Set.of("ON_TRACK", "AT_RISK", "OFF_TRACK")), verdicts.toString());
        assertTrue(verdicts.size() >= 5, verdicts.toString());
        assertTrue(room.owner.api().get("/api/rooms/{r}/progress", fresh).then().statusCode(200).extract()
                .path("health.verdict").equals("ON_TRACK"));
    }

    private void age(String roomId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement events = connection.prepareStatement("update room_event set at = at - interval"
                        + " '10 days' where room_id = ?");
                PreparedStatement opened = connection.prepareStatement("update room set created_at = created_at"
                        + " - interval '10 days' where id = ?")) {
            events.setObject(1, UUID.fromString(roomId));
            events.executeUpdate();
            opened.setObject(1, UUID.fromString(roomId));
            opened.executeUpdate();
        }
    }

    private static void task(Person by, String roomId, String group, String title, Map<String, Object> change) {
        String id = by.api().body(Map.of("title", title)).post("/api/rooms/{r}/groups/{g}/tasks", roomId, group)
                .then().statusCode(201).extract().path("id");
        by.api().body(change).patch("/api/rooms/{r}/groups/{g}/tasks/{t}", roomId, group, id).then().statusCode(200);
    }
}

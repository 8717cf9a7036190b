package dev.dealroom.export;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.Ids;
import dev.dealroom.common.RateLimits;
import dev.dealroom.common.SqlValues;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.room.RoomService;
import dev.dealroom.room.RoomSummary;

/**
 * Admits a download of a room or of one's own data, and records it: the refusals come before any byte of the ZIP,
 * and its {@code export.downloaded} events commit before the download starts, so that a download the managers were
 * not told of cannot happen (a download cut short is still recorded). What the ZIPs hold is read afterwards, through
 * the same services and access policy as the API ({@link RoomArchive}, {@link PersonalArchive}).
 */
@ApplicationScoped
public class ExportService {

    /** Exports downloaded by the login's members in the period, one per download (a personal one spans rooms). */
    private static final String EXPORTS_SINCE = "select count(distinct e.data ->> 'exportId'), min(e.at)"
            + " from member m join room_event e on e.room_id = m.room_id and e.actor_member_id = m.id"
            + " where m.email = ?1 and e.type = ?2 and e.at > ?3";

    /**
     * A room download admitted.
     *
     * @param name the room's name, for the file's
     * @param seq  the seq of its {@code export.downloaded}: the ZIP holds the log up to it
     */
    public record RoomExport(String name, long seq) {
    }

    private final AccessPolicy access;
    private final EventLog events;
    private final RateLimits limits;
    private final RoomService rooms;
    private final EntityManager em;

    public ExportService(AccessPolicy access, EventLog events, RateLimits limits, RoomService rooms,
            EntityManager em) {
        this.access = access;
        this.events = events;
        this.limits = limits;
        this.rooms = rooms;
        this.em = em;
    }

    /** The owner or a decision-maker downloads the room: 404 for a room one is not in, 403 for other members. */
    @Transactional
    public RoomExport startRoom(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.ROOM_EXPORT);
        countExport(caller);
        long seq = record(room, Ids.newId().toString(), ExportKind.ROOM);
        return new RoomExport(rooms.get(caller, roomId).room().name(), seq);
    }

    /** A member downloads their own data: the rooms they still read, each told of it. */
    @Transactional
    public List<String> startPersonal(Caller caller) {
        List<RoomSummary> mine = rooms.listMine(caller);
        if (mine.isEmpty()) {
            return List.of();
        }
        countExport(caller);
        String exportId = Ids.newId().toString();
        List<String> roomIds = new ArrayList<>();
        for (RoomSummary summary : mine) {
            record(access.enterRoom(caller, summary.id()), exportId, ExportKind.PERSONAL);
            roomIds.add(summary.id());
        }
        return roomIds;
    }

    private long record(RoomAccess room, String exportId, ExportKind kind) {
        return events.append(room.roomId(), EventType.EXPORT_DOWNLOADED, null, Actor.of(room.me()),
                new ExportDownloaded(exportId, room.me().id().toString(), room.me().name(), kind));
    }

    /** Refuses one more export past the login's hourly limit (counted by its email: the rooms know no other name). */
    private void countExport(Caller caller) {
        String email = caller.memberEmail().orElseThrow();
        RateLimits.Limit limit = limits.exports();
        limits.takeTurns(limit, email);
        Object[] used = (Object[]) em.createNativeQuery(EXPORTS_SINCE).setParameter(1, email)
                .setParameter(2, EventType.EXPORT_DOWNLOADED.wireName()).setParameter(3, limits.periodStart(limit))
                .getSingleResult();
        limits.check(limit, ((Number) used[0]).longValue(),
                used[1] == null ? null : SqlValues.instant(used[1]).plus(limit.period()));
    }
}

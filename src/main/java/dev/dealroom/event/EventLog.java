package dev.dealroom.event;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Text;

/**
 * Appends events to a room's log inside the transaction of the change they describe (invariant 2): the
 * room row's {@code last_seq} is bumped with a row lock, so concurrent writers to one room take turns and a
 * rolled-back change takes its {@code seq} with it — no gap, no reuse. A closed room takes only its reopening (and
 * the record of a document read, a download, an erasure): whatever else reaches its row once it is closed is
 * refused, 409.
 */
@ApplicationScoped
public class EventLog {

    /**
     * What a closed room's log still takes: the room changing (its closing, its reopening), a document read, a
     * person's erasure, and a download of the room or of one's data.
     */
    private static final Set<EventType> WHEN_CLOSED = EnumSet.of(EventType.ROOM_UPDATED, EventType.DOCUMENT_VIEWED,
            EventType.MEMBER_ERASED, EventType.EXPORT_DOWNLOADED);

    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<EventCommitted> committed;
    private final Clock clock;

    public EventLog(EntityManager em, ObjectMapper json, Event<EventCommitted> committed, Clock clock) {
        this.em = em;
        this.json = json;
        this.committed = committed;
        this.clock = clock;
    }

    /**
     * @param groupId the group whose members may see the event, or null for a room-level event
     * @return the event's seq
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(UUID roomId, EventType type, UUID groupId, Actor actor, Object data) {
        return append(roomId, type, groupId, actor, seq -> data);
    }

    /**
     * The same, for a change that records its own seq (a post's place in its thread): {@code data} is given the
     * seq and may write the change before returning the payload.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(UUID roomId, EventType type, UUID groupId, Actor actor, LongFunction<Object> data) {
        return append(roomId, type, groupId, actor, false, data);
    }

    /**
     * Appends a key update: an event every member of its group is expected to see (an announcement, a sign-off
     * request, a milestone's new date or status). Who has seen it follows from the members' read markers.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long appendKeyUpdate(UUID roomId, EventType type, UUID groupId, Actor actor, Object data) {
        return append(roomId, type, groupId, actor, true, seq -> data);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long append(UUID roomId, EventType type, UUID groupId, Actor actor, boolean keyUpdate,
            LongFunction<Object> data) {
        // The change's own rows go first, so the event never refers to something not yet written.
        em.flush();
        Object[] bumped = (Object[]) em
                .createNativeQuery("update room set last_seq = last_seq + 1 where id = ?1 returning last_seq,"
                        + " closed_at is not null")
                .setParameter(1, roomId)
                .getSingleResult();
        if ((Boolean) bumped[1] && !WHEN_CLOSED.contains(type)) {
            // The room closed while this change waited for its row (its checks had read it open): nothing lands.
            throw new ApiException(ProblemCode.ROOM_CLOSED, Text.of("detail.room-closed"));
        }
        long seq = ((Number) bumped[0]).longValue();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Object payload = data.apply(seq);
        String json = toJson(payload);
        em.createNativeQuery("insert into room_event (room_id, seq, type, group_id, actor_member_id, actor_name, at,"
                + " data, key_update) values (?1, ?2, ?3, cast(?4 as uuid), cast(?5 as uuid), ?6, ?7, cast(?8 as jsonb), ?9)")
                .setParameter(1, roomId)
                .setParameter(2, seq)
                .setParameter(3, type.wireName())
                .setParameter(4, groupId == null ? null : groupId.toString())
                .setParameter(5, actor.memberId() == null ? null : actor.memberId().toString())
                .setParameter(6, actor.name())
                .setParameter(7, at)
                .setParameter(8, json)
                .setParameter(9, keyUpdate)
                .executeUpdate();
        // Observers of TransactionPhase.AFTER_SUCCESS (live delivery) run once it commits; plain observers (the
        // notifier, which queues emails in the outbox) run now, inside it.
        committed.fire(new EventCommitted(roomId, seq, type, groupId, actor, at, json));
        return seq;
    }

    /**
     * For a change that appended its event in a statement of its own and has committed it
     * ({@code common.OneStatement}): tells the observers, as {@link #append} does when the transaction it joined
     * commits.
     */
    public void committedElsewhere(EventCommitted event) {
        committed.fire(event);
    }

    /**
     * Rewrites the room's log for a person's erasure: the events they made keep their actor's id but lose its name,
     * and every payload that holds one of {@code traces} (their id, name or email) is replaced by what {@code scrub}
     * makes of it. Every event stays with its seq: the log keeps no gap.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID roomId, UUID actorId, Collection<String> traces, UnaryOperator<JsonNode> scrub) {
        em.createNativeQuery("update room_event set actor_name = null where room_id = ?1 and actor_member_id = ?2")
                .setParameter(1, roomId).setParameter(2, actorId).executeUpdate();
        String[] lowered = traces.stream().map(trace -> trace.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, cast(data as text) from room_event where room_id = ?1"
                + " and exists (select 1 from unnest(cast(?2 as text[])) t"
                + " where strpos(lower(cast(data as text)), t) > 0)")
                .setParameter(1, roomId).setParameter(2, lowered).getResultList();
        for (Object[] row : rows) {
            try {
                JsonNode data = json.readTree((String) row[1]);
                JsonNode scrubbed = scrub.apply(data);
                if (!scrubbed.equals(data)) {
                    em.createNativeQuery("update room_event set data = cast(?3 as jsonb)"
                            + " where room_id = ?1 and seq = ?2")
                            .setParameter(1, roomId).setParameter(2, ((Number) row[0]).longValue())
                            .setParameter(3, json.writeValueAsString(scrubbed)).executeUpdate();
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("An event of the log is not JSON", e);
            }
        }
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload cannot be written as JSON: " + data.getClass(), e);
        }
    }
}

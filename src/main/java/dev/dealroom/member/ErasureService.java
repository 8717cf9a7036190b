package dev.dealroom.member;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.MemberLocks;
import dev.dealroom.access.MembershipCache;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.Ids;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.group.GroupService;
import dev.dealroom.room.ErasedPostText;
import dev.dealroom.task.TaskService;

/**
 * Erasure (issue 18): a person leaves a room and takes their personal data with them, at once and for good. A member
 * erases themself; the owner erases anyone else (never themself while they own the room). What they did stays, as a
 * former member's: their posts (with or without their text, as the room's {@code erasedPostText} says), their
 * sign-off decisions, their documents, every event of the log; their tasks become unassigned. Their name, email,
 * title, buying roles, language, invitations, notification settings, queued emails, visits, alerts, read markers,
 * colleague requests, presence and live tickets go. This class is the one list of where a person's data lives in a
 * room; {@code ErasureTest} scans every text column of the schema for what it forgot.
 */
@ApplicationScoped
public class ErasureService {

    private final AccessPolicy access;
    private final MemberLocks locks;
    private final MemberRepository members;
    private final GroupService groups;
    private final TaskService tasks;
    private final EventLog events;
    private final Idempotency idempotency;
    private final MembershipCache membership;
    private final EntityManager em;
    private final ObjectMapper json;

    public ErasureService(AccessPolicy access, MemberLocks locks, MemberRepository members, GroupService groups,
            TaskService tasks, EventLog events, Idempotency idempotency, MembershipCache membership,
            EntityManager em, ObjectMapper json) {
        this.access = access;
        this.locks = locks;
        this.members = members;
        this.groups = groups;
        this.tasks = tasks;
        this.events = events;
        this.idempotency = idempotency;
        this.membership = membership;
        this.em = em;
        this.json = json;
    }

    /** The caller erases themself from the room. */
    @Transactional
    public MemberErased eraseMe(Caller caller, String roomId, ErasureRequest request) {
        RoomAccess room = access.enterRoom(caller, roomId);
        return eraseSelf(room, request);
    }

    /** The owner erases another member; a member naming themself erases themself. */
    @Transactional
    public MemberErased erase(Caller caller, String roomId, String memberId, ErasureRequest request) {
        RoomAccess room = access.enterRoom(caller, roomId);
        if (Ids.parse(memberId).filter(room.me().id()::equals).isPresent()) {
            return eraseSelf(room, request);
        }
        access.require(room.me(), Action.MEMBER_ERASE); // before whom is looked up, as for a removal
        RoomMember target = access.member(room, memberId);
        requireConfirmation(request);
        return erase(room, target, Actor.of(room.me()));
    }

    private MemberErased eraseSelf(RoomAccess room, ErasureRequest request) {
        if (room.me().owner()) {
            throw new ApiException(ProblemCode.OWNER_CANNOT_BE_ERASED, Text.of("detail.owner-cannot-erase-self"));
        }
        access.require(room.me(), Action.MEMBER_ERASE_SELF);
        requireConfirmation(request);
        // They are gone once it is done: the event keeps their id alone, like every other event of theirs.
        return erase(room, room.me(), new Actor(room.me().id(), null));
    }

    private static void requireConfirmation(ErasureRequest request) {
        if (request == null || !Boolean.TRUE.equals(request.confirm())) {
            throw ApiException.invalidField("confirm", "required", Text.of("field.erasure-confirm"));
        }
    }

    /**
     * Copies of one erasure take turns on the member's row: the first erases, the others then find no member (404),
     * so one {@code member.erased} is recorded.
     */
    private MemberErased erase(RoomAccess room, RoomMember target, Actor actor) {
        UUID roomId = room.roomId();
        UUID memberId = target.id();
        if (!locks.lockForRemoval(roomId, memberId)) {
            throw ApiException.notFound();
        }
        Member member = members.findInRoom(roomId, memberId).orElseThrow(ApiException::notFound);
        boolean removeText = erasedPostText(roomId) == ErasedPostText.REMOVE;
        PersonalData person = new PersonalData(memberId, namesOf(roomId, member), member.email, removeText);

        groups.dropMember(memberId);
        tasks.unassignAll(roomId, memberId);
        update("update post set author_name = null, body = case when ?3 then null else body end"
                + " where room_id = ?1 and author_member_id = ?2", roomId, memberId, removeText);
        if (removeText) {
            update("update signoff_approver set comment = null where member_id = ?2"
                    + " and signoff_id in (select id from signoff where room_id = ?1)", roomId, memberId);
        }
        events.forget(roomId, memberId, person.traces(), person::scrub);
        idempotency.forget(person.traces(), person::scrub);
        forgetInDeliveries(roomId, person);
        // A subscription they made sent what they saw: it stops, and their name goes from it.
        update("update webhook set created_by_name = null, enabled = false, disabled_reason = 'creator-left'"
                + " where room_id = ?1 and created_by = ?2", roomId, memberId);
        // Requests to bring them in name them; their own requests go with their row.
        update("delete from colleague_request where room_id = ?1 and (member_id = ?2 or email = ?3)", roomId,
                memberId, member.email);
        update("delete from live_ticket where room_id = ?1 and email = ?2", roomId, member.email);
        update("delete from outbox where kind = 'email' and lower(to_address) = ?1", member.email);
        // Their row takes with it, by its foreign keys: group memberships, invitations, notification settings and
        // digests, nudges to them, read markers, presence, visits, engagement alerts, committee seat.
        members.delete("id", memberId);
        // The language they chose and their calendar feed are theirs across rooms: they go with their last membership.
        update("delete from person_language where email = ?1"
                + " and not exists (select 1 from member where email = ?1)", member.email);
        update("delete from calendar_feed where email = ?1"
                + " and not exists (select 1 from member where email = ?1)", member.email);
        MemberErased erased = new MemberErased(memberId.toString());
        events.append(roomId, EventType.MEMBER_ERASED, null, actor, erased);
        membership.forgetMember(memberId);
        return erased;
    }

    /**
     * Webhook deliveries keep the envelope they send, for their log and a redelivery (the installation's too): it
     * loses them as the log's event does. It is signed when sent, so a changed body is still signed right.
     */
    private void forgetInDeliveries(UUID roomId, PersonalData person) {
        String[] lowered = person.traces().stream().map(trace -> trace.toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, body from outbox where kind = 'webhook'"
                + " and room_id = ?1 and exists (select 1 from unnest(cast(?2 as text[])) t"
                + " where strpos(lower(body), t) > 0)")
                .setParameter(1, roomId).setParameter(2, lowered).getResultList();
        for (Object[] row : rows) {
            try {
                JsonNode body = json.readTree((String) row[1]);
                JsonNode scrubbed = person.scrub(body);
                if (!scrubbed.equals(body)) {
                    update("update outbox set body = ?2 where id = ?1", ((Number) row[0]).longValue(),
                            json.writeValueAsString(scrubbed));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A webhook delivery's body is not JSON", e);
            }
        }
    }

    private ErasedPostText erasedPostText(UUID roomId) {
        return ErasedPostText.valueOf((String) em.createNativeQuery("select erased_post_text from room where id = ?1")
                .setParameter(1, roomId).getSingleResult());
    }

    /** Every name they had in the room: the one they have, and those the log recorded them under. */
    private Set<String> namesOf(UUID roomId, Member member) {
        Set<String> names = new LinkedHashSet<>();
        names.add(member.name);
        @SuppressWarnings("unchecked")
        List<String> recorded = em.createNativeQuery("select actor_name from room_event where room_id = ?1"
                + " and actor_member_id = ?2 and actor_name is not null"
                + " union select data ->> 'name' from room_event where room_id = ?1 and type = ?3"
                + " and data ->> 'id' = ?4")
                .setParameter(1, roomId).setParameter(2, member.id)
                .setParameter(3, EventType.MEMBER_ADDED.wireName()).setParameter(4, member.id.toString())
                .getResultList();
        recorded.stream().map(Optional::ofNullable).flatMap(Optional::stream).forEach(names::add);
        return names;
    }

    private void update(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }
}

package dev.dealroom.access;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dealroom.common.Ids;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.EventEnvelope;
import dev.dealroom.event.EventType;
import dev.dealroom.common.i18n.Text;

/**
 * The one place that decides who sees what (invariant 1 of DESIGN.md): a person sees a room only as one of
 * its members and a group — its content and its events — only while in it. Nobody bypasses this, not the
 * owner. Whatever a caller may not see answers exactly like something that does not exist.
 */
@ApplicationScoped
public class AccessPolicy {

    /**
     * {@link #enterGroup}'s admission as SQL, for a write that folds the check into its own statement (with
     * {@link MembershipCache}'s claim as the parameters): true while member {@code :member}, with the email
     * {@code :email} and the name {@code :name} it was admitted with, is in room {@code :room} and in its group
     * {@code :group}.
     */
    public static final String ADMITTED_TO_GROUP = "exists (select 1 from member m join group_member gm"
            + " on gm.member_id = m.id where m.id = :member and m.room_id = :room and m.email = :email"
            + " and m.name = :name and gm.group_id = :group)";

    /** {@link RoomMember#manager()} as SQL, for member {@code :member}, read in the statement that relies on it. */
    public static final String MANAGES_ROOM = "exists (select 1 from member m where m.id = :member"
            + " and (m.owner or m.decision_maker))";

    private final MembershipLookup lookup;

    public AccessPolicy(MembershipLookup lookup) {
        this.lookup = lookup;
    }

    /** Admits the caller into the room as its member, or answers 404. */
    public RoomAccess enterRoom(Caller caller, String roomId) {
        UUID room = Ids.parse(roomId).orElseThrow(ApiException::notFound);
        RoomMember me = caller.memberEmail()
                .flatMap(email -> lookup.memberByEmail(room, email))
                .orElseThrow(ApiException::notFound);
        return new RoomAccess(room, me, lookup.groupIdsOf(me.id()));
    }

    /** Admits the caller into a group of a room: they must be a member of both; otherwise 404. */
    public GroupAccess enterGroup(Caller caller, String roomId, String groupRef) {
        RoomAccess room = enterRoom(caller, roomId);
        return new GroupAccess(room, enterGroup(room, groupRef));
    }

    /** The group, by id or default key, if the caller is in it; otherwise 404. */
    public UUID enterGroup(RoomAccess access, String groupRef) {
        return visibleGroup(access, groupRef).orElseThrow(ApiException::notFound);
    }

    /** The group, by id or default key, if the caller is in it. */
    public Optional<UUID> visibleGroup(RoomAccess access, String groupRef) {
        return lookup.groupId(access.roomId(), groupRef).filter(access::sees);
    }

    /** Another member of the same room; members of a room see each other, through the everyone group. */
    public RoomMember member(RoomAccess access, String memberId) {
        return findMember(access, memberId).orElseThrow(ApiException::notFound);
    }

    /** Another member of the same room, if there is one with this id. */
    public Optional<RoomMember> findMember(RoomAccess access, String memberId) {
        return Ids.parse(memberId).flatMap(id -> lookup.memberById(access.roomId(), id));
    }

    /**
     * The member's access as it is now, or empty once they have left the room. Live connections call this at
     * every membership event, so each event is filtered by the membership at its moment of delivery.
     */
    public Optional<RoomAccess> reenter(RoomAccess access) {
        return lookup.memberById(access.roomId(), access.me().id())
                .map(me -> new RoomAccess(access.roomId(), me, lookup.groupIdsOf(me.id())));
    }

    /**
     * Who receives an event exactly as it is, decided once for all its recipients (a live drain asks this once per
     * event, then only {@link #receives} per connection). {@link Audience#EACH}: the answer differs per recipient
     * and {@link #visibleEvent} decides it — member events, {@code group.member_removed} (also told to the member it
     * removes), {@code member.added} (narrowed per recipient) and every other membership change (after which the
     * recipients' access is read again).
     */
    public Audience audience(String eventType, UUID groupId) {
        Optional<EventType> type = EventType.ofWireName(eventType);
        if (type.isEmpty() || type.get().scope() == EventType.Scope.MEMBER || type.get().changesMembership()) {
            return Audience.EACH;
        }
        return groupId == null ? Audience.ROOM : Audience.GROUP;
    }

    /**
     * For an event of room {@code roomId} and group {@code groupId} (null: room level) whose audience is
     * {@link Audience#ROOM} or {@link Audience#GROUP}: whether this member receives it.
     */
    public boolean receives(RoomAccess access, UUID roomId, UUID groupId, Audience audience) {
        return switch (audience) {
            case ROOM -> roomId.equals(access.roomId());
            case GROUP -> roomId.equals(access.roomId()) && access.sees(groupId);
            case EACH -> throw new IllegalArgumentException("Ask visibleEvent for each recipient");
        };
    }

    /** See {@link #audience}. */
    public enum Audience {
        /** Every member of the room, unchanged. */
        ROOM,
        /** The members of the event's group, unchanged. */
        GROUP,
        /** Decided per recipient by {@link #visibleEvent}. */
        EACH
    }

    /**
     * The copy of an event this member may receive, or empty. Room-level events reach every member; member
     * events (nudges) only the member they are for and the one who sent them; group events the group's members, and {@code group.member_removed} also the member it removes, so that their
     * client drops the group. In {@code member.added}, the new member's groups are narrowed to the recipient's.
     */
    public Optional<EventEnvelope> visibleEvent(RoomAccess access, EventEnvelope event) {
        if (!event.roomId().equals(access.roomId())) {
            return Optional.empty();
        }
        if (EventType.ofWireName(event.type()).map(type -> type.scope() == EventType.Scope.MEMBER).orElse(false)) {
            String me = access.me().id().toString();
            boolean mine = me.equals(event.data().path("memberId").asText())
                    || access.me().id().equals(event.actor().memberId());
            return mine ? Optional.of(event) : Optional.empty();
        }
        if (event.groupId() != null && !access.sees(event.groupId())) {
            boolean removedRecipient = EventType.GROUP_MEMBER_REMOVED.wireName().equals(event.type())
                    && access.me().id().toString().equals(event.data().path("memberId").asText());
            return removedRecipient ? Optional.of(event) : Optional.empty();
        }
        if (EventType.MEMBER_ADDED.wireName().equals(event.type()) && event.data().has("groupIds")) {
            ObjectNode narrowed = event.data().deepCopy();
            ArrayNode groupIds = narrowed.putArray("groupIds");
            event.data().get("groupIds").forEach(id -> {
                if (Ids.parse(id.asText()).filter(access::sees).isPresent()) {
                    groupIds.add(id);
                }
            });
            return Optional.of(event.withData(narrowed));
        }
        return Optional.of(event);
    }

    /** A member of the room who is in this group, or 404 — mentions, assignees and approvers must be. */
    public Optional<RoomMember> groupMember(GroupAccess group, String memberId) {
        return Ids.parse(memberId)
                .flatMap(id -> lookup.memberById(group.roomId(), id))
                .filter(member -> lookup.groupIdsOf(member.id()).contains(group.groupId()));
    }

    /**
     * The groups whose figures (counts, dates, statuses, who has seen what, never content) a member gets in the
     * coordination view (invariant 5): steering members — the owner and the decision-makers — every group of
     * the room; everyone else only their own groups.
     */
    public Set<UUID> figureScope(RoomMember member, Set<UUID> ownGroups, Set<UUID> allGroups) {
        return member.manager() ? Set.copyOf(allGroups) : Set.copyOf(ownGroups);
    }

    /** Owner and decision-makers manage the room; other members get 403 (they know the room exists). */
    public void requireManager(RoomAccess access) {
        if (!access.me().manager()) {
            throw new ApiException(ProblemCode.FORBIDDEN, Text.of("detail.managers-only"));
        }
    }

    /**
     * Adding, removing, regrouping or re-inviting a person of one side: the buyer side is managed by the owner and
     * the decision-makers, the seller side by the owner alone — a buyer's decision-maker steers the buyer's people,
     * not the seller's team.
     */
    public void requireManagerOf(RoomAccess access, boolean sellerSide) {
        requireManager(access);
        if (sellerSide && !access.me().owner()) {
            throw new ApiException(ProblemCode.FORBIDDEN, Text.of("detail.owner-manages-sellers"));
        }
    }

    /** Declaring the deal won or lost, or reopening a decided one, is the owner's call. */
    public void requireOwnerForOutcome(RoomAccess access) {
        if (!access.me().owner()) {
            throw new ApiException(ProblemCode.FORBIDDEN, Text.of("detail.owner-declares-outcome"));
        }
    }
}

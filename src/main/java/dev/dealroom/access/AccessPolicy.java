package dev.dealroom.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.Ids;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.EventEnvelope;
import dev.dealroom.event.EventType;
import dev.dealroom.common.i18n.Text;

/**
 * The one place that decides who sees what (invariant 1 of DESIGN.md) and who may do what. A person sees a room only
 * as one of its members and a group — its content and its events — only while in it. Nobody bypasses this, not the
 * owner. Whatever a caller may not see answers exactly like something that does not exist. What a member may change
 * is the table of {@link Action}s, decided by {@link #require} (403 otherwise) or, in a write made of one statement,
 * by {@link #allowedSql}.
 */
@ApplicationScoped
public class AccessPolicy {

    /**
     * {@link #enterGroup}'s admission as SQL, for a write that folds the check into its own statement (with
     * {@link MembershipCache}'s claim as the parameters): true while member {@code :member}, with the email
     * {@code :email} and the name {@code :name} it was admitted with, is in room {@code :room} and in its group
     * {@code :group}, and the room is not closed (a closed room takes no write: see {@link #require}).
     */
    public static final String ADMITTED_TO_GROUP = "exists (select 1 from member m join group_member gm"
            + " on gm.member_id = m.id where m.id = :member and m.room_id = :room and m.email = :email"
            + " and m.name = :name and gm.group_id = :group)"
            + " and exists (select 1 from room r where r.id = :room and r.closed_at is null)";

    /** Each standing in the room as a condition on its member's row {@code m}. */
    private static final Map<CallerKind, String> STANDING_SQL = Map.of(
            CallerKind.OWNER, "m.owner",
            CallerKind.DECISION_MAKER, "m.decision_maker and not m.owner",
            CallerKind.SELLER, "m.side = 'SELLER' and not m.owner and not m.decision_maker",
            CallerKind.BUYER, "m.side = 'BUYER' and not m.owner and not m.decision_maker");

    private final MembershipLookup lookup;
    /** How long buyers read a closed room; null: for ever (the rules alone, in unit tests). */
    private final Duration buyerAccessAfterClose;
    private final Clock clock;

    @Inject
    public AccessPolicy(MembershipLookup lookup, DealRoomConfig config, Clock clock) {
        this.lookup = lookup;
        this.buyerAccessAfterClose = config.rooms().buyerAccessAfterClose();
        this.clock = clock;
    }

    /** The rules alone, over a membership: closed rooms stay readable by everyone. */
    public AccessPolicy(MembershipLookup lookup) {
        this.lookup = lookup;
        this.buyerAccessAfterClose = null;
        this.clock = null;
    }

    /** Admits the caller into the room as its member, or answers 404. */
    public RoomAccess enterRoom(Caller caller, String roomId) {
        UUID room = Ids.parse(roomId).orElseThrow(ApiException::notFound);
        RoomMember me = caller.memberEmail()
                .flatMap(email -> lookup.memberByEmail(room, email))
                .orElseThrow(ApiException::notFound);
        if (accessEnded(me)) {
            LocalDate closed = LocalDate.ofInstant(me.roomClosedAt(), clock.getZone());
            LocalDate until = LocalDate.ofInstant(me.roomClosedAt().plus(buyerAccessAfterClose), clock.getZone());
            throw new ApiException(ProblemCode.ROOM_ACCESS_ENDED,
                    Text.of("detail.room-access-ended", "closed", closed, "until", until));
        }
        return new RoomAccess(room, me, lookup.groupIdsOf(me.id()));
    }

    /**
     * Whether a member of the buyer's side no longer reads their room: it was closed longer ago than
     * {@code dealroom.rooms.buyer-access-after-close}. The seller's side keeps its rooms.
     */
    public boolean accessEnded(RoomMember me) {
        return readUntil(me).filter(until -> !clock.instant().isBefore(until)).isPresent();
    }

    /** The buyer's side still reads the rooms closed after this instant (every closed room, in unit tests). */
    public Instant buyersReadRoomsClosedAfter() {
        return buyerAccessAfterClose == null ? Instant.EPOCH : clock.instant().minus(buyerAccessAfterClose);
    }

    /** Until when a member of the buyer's side reads their closed room; empty while it is open, or for sellers. */
    public Optional<Instant> readUntil(RoomMember me) {
        return me.roomClosedAt() == null || me.seller() || buyerAccessAfterClose == null ? Optional.empty()
                : Optional.of(me.roomClosedAt().plus(buyerAccessAfterClose));
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
        return accessOf(access.roomId(), access.me().id());
    }

    /**
     * A member's access to their room as it is now, as {@link #enterRoom} would admit them: empty once they have left
     * it or, on the buyer's side, once a closed room is no longer theirs to read. For what acts on a member's behalf
     * without their request (a webhook sees what its creator sees).
     */
    public Optional<RoomAccess> accessOf(UUID roomId, UUID memberId) {
        return lookup.memberById(roomId, memberId).filter(me -> !accessEnded(me))
                .map(me -> new RoomAccess(roomId, me, lookup.groupIdsOf(me.id())));
    }

    /**
     * Whether the member's standing in the room grants the action, open room or closed: what a standing grant rests
     * on (a webhook keeps delivering a closed room's last events while its creator still holds
     * {@link Action#WEBHOOK_MANAGE}).
     */
    public boolean holds(RoomMember me, Action action) {
        return action.allowed().contains(CallerKind.standing(me));
    }

    /**
     * Who receives an event exactly as it is, decided once for all its recipients (a live drain asks this once per
     * event, then only {@link #receives} per connection). {@link Audience#EACH}: the answer differs per recipient
     * and {@link #visibleEvent} decides it — member events, managers events, {@code group.member_removed} (also told to the member it
     * removes), {@code member.added} (narrowed per recipient) and every other membership change (after which the
     * recipients' access is read again).
     */
    public Audience audience(String eventType, UUID groupId) {
        Optional<EventType> type = EventType.ofWireName(eventType);
        if (type.isEmpty() || type.get().scope() == EventType.Scope.MEMBER
                || type.get().scope() == EventType.Scope.MANAGERS || type.get().changesMembership()) {
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
     * events (nudges) only the member they are for and the one who sent them; managers events (colleague requests)
     * the owner, the decision-makers and the requester ({@link #seesManagersItem}); group events the group's members, and {@code group.member_removed} also the member it removes, so that their
     * client drops the group. In {@code member.added}, the new member's groups are narrowed to the recipient's.
     */
    public Optional<EventEnvelope> visibleEvent(RoomAccess access, EventEnvelope event) {
        if (!event.roomId().equals(access.roomId())) {
            return Optional.empty();
        }
        EventType.Scope scope = EventType.ofWireName(event.type()).map(EventType::scope).orElse(null);
        if (scope == EventType.Scope.MEMBER) {
            String me = access.me().id().toString();
            boolean mine = me.equals(event.data().path("memberId").asText())
                    || access.me().id().equals(event.actor().memberId());
            return mine ? Optional.of(event) : Optional.empty();
        }
        if (scope == EventType.Scope.MANAGERS) {
            boolean concerned = seesManagersItem(access.me(), Ids.parse(event.data().path("requesterId").asText())
                    .orElse(null));
            return concerned ? Optional.of(narrowGroupIds(access, event)) : Optional.empty();
        }
        if (event.groupId() != null && !access.sees(event.groupId())) {
            boolean removedRecipient = EventType.GROUP_MEMBER_REMOVED.wireName().equals(event.type())
                    && access.me().id().toString().equals(event.data().path("memberId").asText());
            return removedRecipient ? Optional.of(event) : Optional.empty();
        }
        if (EventType.MEMBER_ADDED.wireName().equals(event.type())) {
            return Optional.of(narrowGroupIds(access, event));
        }
        return Optional.of(event);
    }

    /** The event with the {@code groupIds} of its payload narrowed to the recipient's own groups. */
    private static EventEnvelope narrowGroupIds(RoomAccess access, EventEnvelope event) {
        if (!event.data().has("groupIds")) {
            return event;
        }
        ObjectNode narrowed = event.data().deepCopy();
        ArrayNode groupIds = narrowed.putArray("groupIds");
        event.data().get("groupIds").forEach(id -> {
            if (Ids.parse(id.asText()).filter(access::sees).isPresent()) {
                groupIds.add(id);
            }
        });
        return event.withData(narrowed);
    }

    /**
     * Whether a member sees an item kept between the room's managers and the member who asked for it (a colleague
     * request, which names a person): the owner and the decision-makers do, and its requester; nobody else.
     */
    public boolean seesManagersItem(RoomMember me, UUID requesterId) {
        return me.manager() || me.id().equals(requesterId);
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

    /**
     * Whether the member may take an action that acts on no item, or that they are nothing special to. In a closed
     * room only {@link Action#allowedWhenClosed()} are left: its reopening, reading and erasures.
     */
    public boolean may(RoomMember me, Action action) {
        return open(me, action) && action.allowed().contains(CallerKind.standing(me));
    }

    private static boolean open(RoomMember me, Action action) {
        return me.roomClosedAt() == null || action.allowedWhenClosed();
    }

    /** The actions the member may take by their standing in the room, by their names ({@code task.order}). */
    public List<String> mayTake(RoomMember me) {
        return Arrays.stream(Action.values()).filter(action -> may(me, action)).map(Action::wireName).toList();
    }

    /** Whether the member may take an action on an item they are (or are not) {@code relation} to. */
    public boolean may(RoomMember me, Action action, CallerKind relation, boolean holds) {
        if (!relation.toAnItem()) {
            throw new IllegalArgumentException(relation + " is a standing in the room, not a relation to an item");
        }
        return may(me, action) || open(me, action) && holds && action.allowed().contains(relation);
    }

    /**
     * The action, if the member may take it; otherwise 403 with the action's refusal (they know the room exists), or
     * 409 {@code room-closed} in a closed room.
     */
    public void require(RoomMember me, Action action) {
        if (!may(me, action)) {
            throw refused(me, action);
        }
    }

    /**
     * The action on an item, if the member may take it, being (or not) {@code relation} to the item — the author of
     * a post, the assignee of a task; otherwise 403 with the action's refusal.
     */
    public void require(RoomMember me, Action action, CallerKind relation, boolean holds) {
        if (!may(me, action, relation, holds)) {
            throw refused(me, action);
        }
    }

    /**
     * Managing a person of one side (adding, removing, regrouping, re-inviting): {@link Action#SELLERS_MANAGE} for the
     * seller's side, {@link Action#BUYERS_MANAGE} for the buyer's.
     */
    public void requireManagerOf(RoomMember me, boolean sellerSide) {
        require(me, sellerSide ? Action.SELLERS_MANAGE : Action.BUYERS_MANAGE);
    }

    /** 409 in a closed room (nobody may change it), 403 with the action's reason otherwise. */
    private static ApiException refused(RoomMember me, Action action) {
        return open(me, action) ? new ApiException(ProblemCode.FORBIDDEN, Text.of(action.refusal()))
                : new ApiException(ProblemCode.ROOM_CLOSED, Text.of("detail.room-closed"));
    }

    /**
     * An action's rule as SQL, for a write that folds the check into its own statement: true when member
     * {@code :member} may take it. {@code holders} names, for each relation to the item the action allows, the
     * column of the item that holds the member who is that relation to it (a task's {@code owner_member_id} for
     * {@link CallerKind#ASSIGNEE}); a relation the action allows but that has no column is refused at once.
     */
    public static String allowedSql(Action action, Map<CallerKind, String> holders) {
        List<String> standings = new ArrayList<>();
        List<String> either = new ArrayList<>();
        for (CallerKind kind : CallerKind.values()) {
            if (!action.allowed().contains(kind)) {
                continue;
            }
            if (kind.toAnItem()) {
                String column = holders.get(kind);
                if (column == null) {
                    throw new IllegalArgumentException(action + " allows " + kind + ": name the column that holds it");
                }
                either.add(column + " = :member");
            } else {
                standings.add(STANDING_SQL.get(kind));
            }
        }
        if (!standings.isEmpty()) {
            either.add(0, "exists (select 1 from member m where m.id = :member and (" + String.join(" or ", standings)
                    + "))");
        }
        return "(" + String.join(" or ", either) + ")";
    }
}

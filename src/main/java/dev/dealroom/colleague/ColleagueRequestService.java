package dev.dealroom.colleague;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.CallerKind;
import dev.dealroom.access.MemberLocks;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.group.GroupService;
import dev.dealroom.member.AddMemberRequest;
import dev.dealroom.member.MemberService;
import dev.dealroom.member.MemberView;
import dev.dealroom.member.Side;

/**
 * A buyer's champion brings colleagues in: a buyer asks (email, name, some of their own groups), the owner or a
 * decision-maker approves — which adds the member exactly as adding them directly would, invitation included — or
 * declines, with a reason if they like; the requester may withdraw while it is pending. A request names a person, so
 * it and its events stay between the room's managers and its requester ({@link AccessPolicy#seesManagersItem}).
 */
@ApplicationScoped
public class ColleagueRequestService {

    /** The most requests a list answers, newest first. */
    static final int LIST_LIMIT = 200;

    private final ColleagueRequestRepository requests;
    private final MemberService members;
    private final GroupService groups;
    private final AccessPolicy access;
    private final EventLog events;
    private final Idempotency idempotency;
    private final MemberLocks locks;
    private final Clock clock;

    public ColleagueRequestService(ColleagueRequestRepository requests, MemberService members, GroupService groups,
            AccessPolicy access, EventLog events, Idempotency idempotency, MemberLocks locks, Clock clock) {
        this.requests = requests;
        this.members = members;
        this.groups = groups;
        this.access = access;
        this.events = events;
        this.idempotency = idempotency;
        this.locks = locks;
        this.clock = clock;
    }

    /** The requests the caller sees: all of the room's for its managers, their own for a buyer, none for others. */
    @Transactional
    public List<ColleagueRequestView> list(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        return requests.listInRoom(room.roomId(), LIST_LIMIT).stream()
                .filter(request -> access.seesManagersItem(room.me(), request.requesterId))
                .map(request -> view(request, room))
                .toList();
    }

    @Transactional
    public ColleagueRequestView request(Caller caller, String roomId, CreateColleagueRequest request,
            String idempotencyKey) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.COLLEAGUE_REQUEST);
        return idempotency.once(caller, "colleague.request", room.roomId().toString(),
                Idempotency.key(request.clientId(), idempotencyKey), request, ColleagueRequestView.class,
                () -> create(room, request));
    }

    private ColleagueRequestView create(RoomAccess room, CreateColleagueRequest request) {
        // The requester is held: the request names them, and their removal at this moment removes it with them.
        if (!locks.hold(room.roomId(), room.me().id())) {
            throw ApiException.notFound();
        }
        // Among the requester's own groups only: any other answers as a group that does not exist.
        Set<UUID> groupIds = groups.resolveForNewMember(room, Objects.requireNonNullElse(request.groups(), List.of()),
                false);
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        if (members.hasMember(room.roomId(), email)) {
            throw new ApiException(ProblemCode.MEMBER_EXISTS, Text.of("detail.member-exists", "email", email));
        }
        ColleagueRequest colleague = new ColleagueRequest();
        colleague.id = Ids.newId();
        colleague.roomId = room.roomId();
        colleague.requesterId = room.me().id();
        colleague.email = email;
        colleague.name = request.name().strip();
        colleague.groupIds = groupIds.toArray(UUID[]::new);
        colleague.status = ColleagueRequestStatus.PENDING;
        colleague.createdAt = clock.instant();
        if (!requests.insertUnlessPending(colleague)) {
            throw new ApiException(ProblemCode.COLLEAGUE_ALREADY_REQUESTED,
                    Text.of("detail.colleague-already-requested", "email", email));
        }
        ColleagueRequestView view = view(colleague, null);
        events.append(room.roomId(), EventType.COLLEAGUE_REQUESTED, null, Actor.of(room.me()), view);
        return view(colleague, room);
    }

    /**
     * The owner or a decision-maker approves or declines a pending request. Two deciding at once take turns on the
     * request's row: the second finds it decided (409), so one request makes at most one member and one event.
     */
    @Transactional
    public ColleagueRequestView decide(Caller caller, String roomId, String requestId,
            ColleagueDecisionRequest decision) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.COLLEAGUE_DECIDE);
        ColleagueRequest colleague = lock(room, requestId);
        requirePending(colleague);
        EventType type;
        if (decision.decision() == ColleagueDecision.APPROVED) {
            List<String> groupRefs = decision.groups() != null ? decision.groups()
                    : Arrays.stream(colleague.groupIds).map(UUID::toString).toList();
            MemberView member = members.addFor(room, new AddMemberRequest(colleague.email, colleague.name, Side.BUYER,
                    null, false, groupRefs, null));
            colleague.memberId = UUID.fromString(member.id());
            colleague.groupIds = members.view(colleague.memberId).groupIds().stream().map(UUID::fromString)
                    .toArray(UUID[]::new);
            type = EventType.COLLEAGUE_APPROVED;
        } else {
            colleague.reason = Inputs.blankToNull(decision.reason());
            type = EventType.COLLEAGUE_DECLINED;
        }
        colleague.status = decision.decision() == ColleagueDecision.APPROVED ? ColleagueRequestStatus.APPROVED
                : ColleagueRequestStatus.DECLINED;
        colleague.decidedBy = room.me().id();
        colleague.decidedAt = clock.instant();
        events.append(room.roomId(), type, null, Actor.of(room.me()), view(colleague, null));
        return view(colleague, room);
    }

    /** Its requester withdraws a pending request. */
    @Transactional
    public ColleagueRequestView withdraw(Caller caller, String roomId, String requestId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        ColleagueRequest colleague = lock(room, requestId);
        access.require(room.me(), Action.COLLEAGUE_WITHDRAW, CallerKind.AUTHOR,
                colleague.requesterId.equals(room.me().id()));
        requirePending(colleague);
        colleague.status = ColleagueRequestStatus.WITHDRAWN;
        colleague.decidedAt = clock.instant();
        events.append(room.roomId(), EventType.COLLEAGUE_WITHDRAWN, null, Actor.of(room.me()), view(colleague, null));
        return view(colleague, room);
    }

    /** The request, locked, if the caller sees it; otherwise 404, as for one that does not exist. */
    private ColleagueRequest lock(RoomAccess room, String requestId) {
        return Ids.parse(requestId)
                .flatMap(id -> requests.lockInRoom(room.roomId(), id))
                .filter(request -> access.seesManagersItem(room.me(), request.requesterId))
                .orElseThrow(ApiException::notFound);
    }

    private static void requirePending(ColleagueRequest colleague) {
        if (colleague.status != ColleagueRequestStatus.PENDING) {
            throw new ApiException(ProblemCode.COLLEAGUE_REQUEST_CLOSED, Text.of("detail.colleague-request-closed",
                    "status", Text.of("enum.colleague-request-status." + colleague.status)));
        }
    }

    /** The request as {@code reader} sees it (their own groups only); for the log (reader null), all its groups. */
    private static ColleagueRequestView view(ColleagueRequest request, RoomAccess reader) {
        List<String> groupIds = Arrays.stream(request.groupIds)
                .filter(id -> reader == null || reader.sees(id))
                .map(UUID::toString).sorted().toList();
        return new ColleagueRequestView(request.id.toString(), request.requesterId.toString(), request.email,
                request.name, groupIds, request.status, request.reason, idOrNull(request.decidedBy),
                idOrNull(request.memberId), request.createdAt, request.decidedAt);
    }

    private static String idOrNull(UUID id) {
        return Optional.ofNullable(id).map(UUID::toString).orElse(null);
    }
}

package dev.dealroom.member;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.MemberLocks;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.group.GroupService;
import dev.dealroom.invitation.InvitationService;
import dev.dealroom.task.TaskService;
import dev.dealroom.common.i18n.Text;

/** Who is in a room. Owner and decision-makers add and remove members; every member sees the list. */
@ApplicationScoped
public class MemberService {

    private static final int NAME_LIMIT = 200;

    private final MemberRepository members;
    private final GroupService groups;
    private final AccessPolicy access;
    private final EventLog events;
    private final Idempotency idempotency;
    private final TaskService tasks;
    private final InvitationService invitations;
    private final MemberLocks locks;
    private final Clock clock;

    public MemberService(MemberRepository members, GroupService groups, AccessPolicy access, EventLog events,
            Idempotency idempotency, TaskService tasks, InvitationService invitations, MemberLocks locks, Clock clock) {
        this.members = members;
        this.groups = groups;
        this.access = access;
        this.events = events;
        this.idempotency = idempotency;
        this.tasks = tasks;
        this.invitations = invitations;
        this.locks = locks;
        this.clock = clock;
    }

    /** The owner of a room being opened: seller side, named as their identity provider names them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RoomMember addOwner(UUID roomId, String email, String name) {
        Member owner = new Member();
        owner.id = Ids.newId();
        owner.roomId = roomId;
        owner.email = email;
        owner.name = name.length() > NAME_LIMIT ? name.substring(0, NAME_LIMIT) : name;
        owner.side = Side.SELLER;
        owner.owner = true;
        owner.addedAt = clock.instant();
        members.persist(owner);
        return new RoomMember(owner.id, roomId, owner.name, true, false, true);
    }

    @Transactional
    public MemberView add(Caller caller, String roomId, AddMemberRequest request, String idempotencyKey) {
        RoomAccess room = access.enterRoom(caller, roomId);
        return idempotency.once(caller, "member.add", room.roomId().toString(),
                Idempotency.key(request.clientId(), idempotencyKey), request, MemberView.class, () -> {
                    access.requireManagerOf(room.me(), request.side() == Side.SELLER); // a retry answers the original
                    return add(room, request);
                });
    }

    /**
     * Adds a member on behalf of a feature that has already admitted the caller and decided (an approved colleague
     * request): the same rules, checks and invitation as {@link #add(Caller, String, AddMemberRequest, String)}, in
     * the caller's transaction; the answer's groups are among the caller's own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public MemberView addFor(RoomAccess room, AddMemberRequest request) {
        access.requireManagerOf(room.me(), request.side() == Side.SELLER);
        return add(room, request);
    }

    /** Whether the room has a member with this (lower-cased) email. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean hasMember(UUID roomId, String email) {
        return members.count("roomId = ?1 and email = ?2", roomId, email) > 0;
    }

    private MemberView add(RoomAccess room, AddMemberRequest request) {
        // The adder is held first: their invitation will name them (a foreign key), and a removal of the adder at
        // the same moment must not wait for this add while it waits for the removal.
        if (!locks.hold(room.roomId(), room.me().id())) {
            throw ApiException.notFound();
        }
        boolean decisionMaker = Boolean.TRUE.equals(request.decisionMaker());
        if (decisionMaker && request.side() != Side.BUYER) {
            throw ApiException.invalidField("decisionMaker", "invalid-value",
                    Text.of("field.decision-maker-buyer"));
        }
        Set<UUID> groupIds = groups.resolveForNewMember(room,
                Objects.requireNonNullElse(request.groups(), List.of()), decisionMaker);
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        // Every member added is mailed an invitation: past the address's limit the add is refused whole (429), not
        // made without its link. Checked before anything is written, and the address's other invitations wait.
        invitations.refuseIfTooManyMails(email);
        Member member = new Member();
        member.id = Ids.newId();
        member.roomId = room.roomId();
        member.email = email;
        member.name = request.name().strip();
        member.side = request.side();
        member.title = Inputs.blankToNull(request.title());
        member.decisionMaker = decisionMaker;
        member.addedAt = clock.instant();
        // The unique key (room, email) decides between simultaneous adds of one person: the first one in wins.
        if (!members.insertUnlessEmailTaken(member)) {
            throw new ApiException(ProblemCode.MEMBER_EXISTS, Text.of("detail.member-exists", "email", email));
        }
        groups.enrol(member.id, groupIds);

        MemberView view = toView(member, groupIds);
        events.append(room.roomId(), EventType.MEMBER_ADDED, null, Actor.of(room.me()), view);
        invitations.invite(room, member.id, member.email, member.name);
        return toView(member, groupIds.stream().filter(room::sees).toList());
    }

    /**
     * Removes a member and, with them, all their group memberships; their tasks become unassigned. The owner stays.
     * Copies of one removal arriving together remove once: the first takes the member's row lock, the others
     * wait for it and then find no member (404), so one {@code member.removed} is recorded.
     */
    @Transactional
    public void remove(Caller caller, String roomId, String memberId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.BUYERS_MANAGE); // may manage people at all, before whom is looked up
        RoomMember target = access.member(room, memberId);
        access.requireManagerOf(room.me(), target.seller());
        if (target.owner()) {
            throw new ApiException(ProblemCode.OWNER_CANNOT_BE_REMOVED, null);
        }
        if (!locks.lockForRemoval(room.roomId(), target.id())) {
            throw ApiException.notFound();
        }
        groups.dropMember(target.id());
        tasks.unassignAll(room.roomId(), target.id());
        members.delete("id", target.id());
        events.append(room.roomId(), EventType.MEMBER_REMOVED, null, Actor.of(room.me()),
                new MemberRemoved(target.id().toString(), target.name()));
    }

    /** Every member of the room, each with their groups among the caller's own. */
    @Transactional
    public List<MemberView> list(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        Map<UUID, List<UUID>> groupsOf = groups.membershipsWithin(room.groupIds());
        return members.listInRoom(room.roomId()).stream()
                .map(member -> toView(member, groupsOf.getOrDefault(member.id, List.of())))
                .toList();
    }

    /** A member as they see themselves: all their groups. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MemberView view(UUID memberId) {
        return toView(members.findById(memberId), groups.groupIdsOf(memberId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> roomIdsOf(String email) {
        return members.roomIdsOf(email, access.buyersReadRoomsClosedAfter());
    }

    private static MemberView toView(Member member, Collection<UUID> groupIds) {
        return new MemberView(member.id.toString(), member.email, member.name, member.side, member.title,
                member.decisionMaker, member.owner, groupIds.stream().map(UUID::toString).sorted().toList());
    }
}

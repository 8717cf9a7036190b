package dev.dealroom.group;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
import dev.dealroom.common.i18n.Text;

/**
 * The room's groups and who is in each. A caller only ever reads or changes groups they are in; owner and
 * decision-makers create groups and edit the membership of workstream and custom groups, while
 * {@code everyone} and {@code steering} follow the room's roles.
 */
@ApplicationScoped
public class GroupService {

    private final GroupRepository groups;
    private final GroupMembershipRepository memberships;
    private final AccessPolicy access;
    private final EventLog events;
    private final Idempotency idempotency;
    private final MemberLocks memberLocks;
    private final Clock clock;

    public GroupService(GroupRepository groups, GroupMembershipRepository memberships, AccessPolicy access,
            EventLog events, Idempotency idempotency, MemberLocks memberLocks, Clock clock) {
        this.groups = groups;
        this.memberships = memberships;
        this.access = access;
        this.events = events;
        this.idempotency = idempotency;
        this.memberLocks = memberLocks;
        this.clock = clock;
    }

    /** The default groups of a room being opened, each with its owner in it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void createDefaults(UUID roomId, UUID ownerId) {
        Instant now = clock.instant();
        for (DefaultGroup preset : DefaultGroup.values()) {
            RoomGroup group = newGroup(roomId, preset.key(), preset.displayName(), preset.kind(), now);
            enrol(ownerId, Set.of(group.id));
        }
    }

    /**
     * A workstream or custom group a room is opened with (from a template), with its owner in it, and its
     * {@code group.created} event as when added by hand; answers its id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID createForOwner(RoomMember owner, String name, GroupKind kind) {
        RoomGroup group = newGroup(owner.roomId(), null, name, kind, clock.instant());
        enrol(owner.id(), Set.of(group.id));
        events.append(owner.roomId(), EventType.GROUP_CREATED, group.id, Actor.of(owner), view(group));
        return group.id;
    }

    /** The id of a default group of a room. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID idOf(UUID roomId, DefaultGroup group) {
        return groups.findByKey(roomId, group).id;
    }

    /**
     * The groups a new member goes into: those asked for, each one the caller must be in, plus
     * {@code everyone} and, for a decision-maker, {@code steering}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> resolveForNewMember(RoomAccess room, List<String> groupRefs, boolean decisionMaker) {
        Set<UUID> ids = new LinkedHashSet<>();
        ids.add(groups.findByKey(room.roomId(), DefaultGroup.EVERYONE).id);
        UUID steering = groups.findByKey(room.roomId(), DefaultGroup.STEERING).id;
        if (decisionMaker) {
            ids.add(steering);
        }
        for (UUID id : Inputs.resolveEach("groups", groupRefs, ref -> access.visibleGroup(room, ref),
                "unknown-group", Text.of("field.unknown-group"))) {
            if (id.equals(steering) && !decisionMaker) {
                throw new ApiException(ProblemCode.GROUP_MEMBERSHIP_FIXED, Text.of("detail.steering-fixed"));
            }
            ids.add(id);
        }
        return ids;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enrol(UUID memberId, Collection<UUID> groupIds) {
        Instant now = clock.instant();
        long joinedSeq = groupIds.isEmpty() ? 0
                : memberships.roomSeq(groups.findById(groupIds.iterator().next()).roomId);
        for (UUID groupId : groupIds) {
            GroupMembership membership = new GroupMembership();
            membership.groupId = groupId;
            membership.memberId = memberId;
            membership.addedAt = now;
            membership.joinedSeq = joinedSeq;
            memberships.persist(membership);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void dropMember(UUID memberId) {
        memberships.deleteOfMember(memberId);
    }

    /** For each member, their groups among {@code groupIds}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, List<UUID>> membershipsWithin(Set<UUID> groupIds) {
        Map<UUID, List<UUID>> byMember = new HashMap<>();
        for (GroupMembership membership : memberships.listInGroups(groupIds)) {
            byMember.computeIfAbsent(membership.memberId, id -> new ArrayList<>()).add(membership.groupId);
        }
        return byMember;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> groupIdsOf(UUID memberId) {
        return memberships.groupIdsOf(memberId);
    }

    /** The groups this member is in, with their members. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<GroupView> visibleTo(UUID memberId) {
        return views(groups.list("id in (select gm.groupId from GroupMembership gm where gm.memberId = ?1)",
                memberId));
    }

    /** The names of the groups the member is in, by id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, String> namesOf(RoomAccess room) {
        Map<UUID, String> names = new HashMap<>();
        groups.listVisible(room.roomId(), room.groupIds()).forEach(group -> names.put(group.id, group.name));
        return names;
    }

    @Transactional
    public List<GroupView> list(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        return views(groups.listVisible(room.roomId(), room.groupIds()));
    }

    @Transactional
    public GroupView get(Caller caller, String roomId, String groupRef) {
        RoomAccess room = access.enterRoom(caller, roomId);
        return view(groups.findInRoom(room.roomId(), access.enterGroup(room, groupRef)));
    }

    /** Creates a workstream or custom group with the caller and the given members in it. */
    @Transactional
    public GroupView create(Caller caller, String roomId, CreateGroupRequest request, String idempotencyKey) {
        RoomAccess room = access.enterRoom(caller, roomId);
        return idempotency.once(caller, "group.create", room.roomId().toString(),
                Idempotency.key(request.clientId(), idempotencyKey), request, GroupView.class, () -> {
                    access.require(room.me(), Action.GROUP_CREATE); // a retry answers the original
                    return create(room, request);
                });
    }

    private GroupView create(RoomAccess room, CreateGroupRequest request) {
        GroupKind kind = Objects.requireNonNullElse(request.kind(), GroupKind.CUSTOM);
        if (!kind.editableMembership()) {
            throw ApiException.invalidField("kind", "invalid-value", Text.of("field.new-group-kind"));
        }
        Set<UUID> memberIds = new LinkedHashSet<>();
        memberIds.add(room.me().id());
        Inputs.resolveEach("memberIds", Objects.requireNonNullElse(request.memberIds(), List.of()),
                ref -> access.findMember(room, ref), "unknown-member", Text.of("field.unknown-member"))
                .forEach(member -> {
                    access.requireManagerOf(room.me(), member.seller());
                    memberIds.add(member.id());
                });
        // Names need not be unique: refusing a taken name would tell the caller about groups they cannot see.
        RoomGroup group = newGroup(room.roomId(), null, request.name().strip(), kind, clock.instant());
        for (UUID memberId : memberIds) {
            enrol(memberId, Set.of(group.id));
        }
        GroupView view = view(group);
        events.append(room.roomId(), EventType.GROUP_CREATED, group.id, Actor.of(room.me()), view);
        return view;
    }

    /** Puts a room member in a group the caller is in. Already in: nothing changes. */
    @Transactional
    public GroupView addMember(Caller caller, String roomId, String groupRef, String memberId) {
        MembershipEdit edit = admitMembershipEdit(caller, roomId, groupRef, memberId);
        RoomGroup group = edit.group();
        if (memberships.add(group.id, edit.member().id(), clock.instant())) {
            events.append(group.roomId, EventType.GROUP_MEMBER_ADDED, group.id, Actor.of(edit.room().me()),
                    edit.change());
        }
        return view(group);
    }

    /** Takes a member out of a group the caller is in, the caller included. Not in it: nothing changes. */
    @Transactional
    public void removeMember(Caller caller, String roomId, String groupRef, String memberId) {
        MembershipEdit edit = admitMembershipEdit(caller, roomId, groupRef, memberId);
        RoomGroup group = edit.group();
        if (memberships.remove(group.id, edit.member().id())) {
            events.append(group.roomId, EventType.GROUP_MEMBER_REMOVED, group.id, Actor.of(edit.room().me()),
                    edit.change());
        }
    }

    private record MembershipEdit(RoomAccess room, RoomGroup group, RoomMember member) {
        GroupMemberChange change() {
            return new GroupMemberChange(group.id.toString(), member.id().toString());
        }
    }

    /**
     * Admits a change to a group's membership: the group must be one the caller is in (else 404, before
     * anything else is said), the caller a manager, the member one of the room's, the group's kind editable.
     */
    private MembershipEdit admitMembershipEdit(Caller caller, String roomId, String groupRef, String memberId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        RoomGroup group = groups.findInRoom(room.roomId(), access.enterGroup(room, groupRef));
        access.require(room.me(), Action.BUYERS_MANAGE); // may manage people at all, before whom is looked up
        RoomMember member = access.member(room, memberId);
        access.requireManagerOf(room.me(), member.seller());
        requireEditable(group);
        // Held: a membership of someone being removed from the room waits for, or comes after, the removal (404).
        if (!memberLocks.hold(room.roomId(), member.id())) {
            throw ApiException.notFound();
        }
        return new MembershipEdit(room, group, member);
    }

    private RoomGroup newGroup(UUID roomId, String key, String name, GroupKind kind, Instant now) {
        RoomGroup group = new RoomGroup();
        group.id = Ids.newId();
        group.roomId = roomId;
        group.key = key;
        group.name = name;
        group.kind = kind;
        group.createdAt = now;
        groups.persist(group);
        return group;
    }

    private static void requireEditable(RoomGroup group) {
        if (!group.kind.editableMembership()) {
            throw new ApiException(ProblemCode.GROUP_MEMBERSHIP_FIXED, Text.of(group.kind == GroupKind.EVERYONE
                    ? "detail.group-is-everyone" : "detail.group-is-steering", "group", group.name));
        }
    }

    /** Default groups in their fixed order, then the added ones, oldest first. */
    private static final Comparator<RoomGroup> DISPLAY_ORDER = Comparator
            .comparingInt((RoomGroup group) -> DefaultGroup.rank(group.key))
            .thenComparing(group -> group.createdAt)
            .thenComparing(group -> group.id);

    private List<GroupView> views(List<RoomGroup> unordered) {
        List<RoomGroup> list = unordered.stream().sorted(DISPLAY_ORDER).toList();
        Map<UUID, List<UUID>> membersOf = new HashMap<>();
        for (GroupMembership membership : memberships.listInGroups(list.stream().map(g -> g.id).toList())) {
            membersOf.computeIfAbsent(membership.groupId, id -> new ArrayList<>()).add(membership.memberId);
        }
        return list.stream().map(group -> toView(group, membersOf.getOrDefault(group.id, List.of()))).toList();
    }

    private GroupView view(RoomGroup group) {
        return views(List.of(group)).get(0);
    }

    private static GroupView toView(RoomGroup group, List<UUID> memberIds) {
        return new GroupView(group.id.toString(), group.key, group.name, group.kind,
                memberIds.stream().map(UUID::toString).sorted().toList(), group.createdAt);
    }
}

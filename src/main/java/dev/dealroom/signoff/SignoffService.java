package dev.dealroom.signoff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.CallerKind;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.GroupAccess;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.common.i18n.Text;

/**
 * Decisions asked of named approvers in a group: approved when all approve, rejected when one rejects,
 * withdrawn by its author while open. Any group member may ask; approvers must be in the group.
 */
@ApplicationScoped
public class SignoffService {

    private final SignoffRepository signoffs;
    private final AccessPolicy access;
    private final EventLog events;
    private final Idempotency idempotency;
    private final Clock clock;

    public SignoffService(SignoffRepository signoffs, AccessPolicy access, EventLog events, Idempotency idempotency,
            Clock clock) {
        this.signoffs = signoffs;
        this.access = access;
        this.events = events;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Transactional
    public List<SignoffView> list(Caller caller, String roomId, String groupRef) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        return views(signoffs.listInGroup(group.roomId(), group.groupId()));
    }

    @Transactional
    public SignoffView get(Caller caller, String roomId, String groupRef, String signoffId) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        return view(signoffs.requireIn(group, signoffId));
    }

    @Transactional
    public SignoffView request(Caller caller, String roomId, String groupRef, CreateSignoffRequest request,
            String idempotencyKey) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        Optional<String> key = Idempotency.key(request.clientId(), idempotencyKey);
        return idempotency.once(caller, "signoff.create", group.groupId().toString(), key,
                request, SignoffView.class, () -> {
                    access.require(group.me(), Action.SIGNOFF_REQUEST); // a retry answers the original
                    Set<UUID> approverIds = approvers(group, request.approverIds());
                    Signoff signoff = new Signoff();
                    signoff.id = Ids.newId();
                    signoff.roomId = group.roomId();
                    signoff.groupId = group.groupId();
                    signoff.title = request.title().strip();
                    signoff.description = Inputs.blankToNull(request.description());
                    signoff.authorId = group.me().id();
                    signoff.status = SignoffStatus.REQUESTED;
                    signoff.createdAt = clock.instant();
                    signoffs.persist(signoff);
                    for (UUID memberId : approverIds) {
                        SignoffApprover approver = new SignoffApprover();
                        approver.signoffId = signoff.id;
                        approver.memberId = memberId;
                        signoffs.getEntityManager().persist(approver);
                    }
                    signoffs.flush();
                    SignoffView view = view(signoff).withClientId(key.orElse(null));
                    events.appendKeyUpdate(group.roomId(), EventType.SIGNOFF_REQUESTED, group.groupId(),
                            Actor.of(group.me()), view);
                    return view;
                });
    }

    /** An approver approves or rejects, once, while the sign-off is open. */
    @Transactional
    public SignoffView decide(Caller caller, String roomId, String groupRef, String signoffId,
            DecisionRequest request) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        // Locked: two approvers deciding at once take turns, so the second sees the first's decision and the
        // last approval closes the sign-off.
        Signoff signoff = signoffs.lockIn(group, signoffId);
        List<SignoffApprover> approvers = signoffs.approversOf(List.of(signoff.id));
        SignoffApprover mine = approvers.stream().filter(a -> a.memberId.equals(group.me().id())).findFirst()
                .orElse(null);
        access.require(group.me(), Action.SIGNOFF_DECIDE, CallerKind.APPROVER, mine != null);
        if (mine.decision != null) {
            throw new ApiException(ProblemCode.ALREADY_DECIDED, null);
        }
        requireOpen(signoff);
        mine.decision = request.decision();
        mine.comment = Inputs.blankToNull(request.comment());
        mine.decidedAt = clock.instant();
        if (request.decision() == Decision.REJECTED) {
            close(signoff, SignoffStatus.REJECTED, mine.decidedAt);
        } else if (approvers.stream().allMatch(a -> a.decision == Decision.APPROVED)) {
            close(signoff, SignoffStatus.APPROVED, mine.decidedAt);
        }
        SignoffView view = view(signoff);
        events.append(group.roomId(), EventType.SIGNOFF_DECIDED, group.groupId(), Actor.of(group.me()), view);
        return view;
    }

    /** Its author withdraws an open sign-off. */
    @Transactional
    public SignoffView withdraw(Caller caller, String roomId, String groupRef, String signoffId) {
        GroupAccess group = access.enterGroup(caller, roomId, groupRef);
        Signoff signoff = signoffs.lockIn(group, signoffId);
        boolean author = signoff.authorId.equals(group.me().id());
        access.require(group.me(), Action.SIGNOFF_WITHDRAW, CallerKind.AUTHOR, author);
        requireOpen(signoff);
        close(signoff, SignoffStatus.WITHDRAWN, clock.instant());
        SignoffView view = view(signoff);
        events.append(group.roomId(), EventType.SIGNOFF_WITHDRAWN, group.groupId(), Actor.of(group.me()), view);
        return view;
    }

    private static void requireOpen(Signoff signoff) {
        if (signoff.status != SignoffStatus.REQUESTED) {
            throw new ApiException(ProblemCode.SIGNOFF_CLOSED, Text.of("detail.signoff-closed", "status",
                    Text.of("enum.signoff-status." + signoff.status)));
        }
    }

    private static void close(Signoff signoff, SignoffStatus status, Instant at) {
        signoff.status = status;
        signoff.closedAt = at;
    }

    private Set<UUID> approvers(GroupAccess group, List<String> requested) {
        Set<UUID> ids = new LinkedHashSet<>();
        Inputs.resolveEach("approverIds", requested, ref -> access.groupMember(group, ref), "not-in-group",
                Text.of("field.approver-not-in-group")).forEach(member -> ids.add(member.id()));
        return ids;
    }

    private SignoffView view(Signoff signoff) {
        return views(List.of(signoff)).get(0);
    }

    private List<SignoffView> views(List<Signoff> list) {
        Map<UUID, List<SignoffView.ApproverView>> approvers = new HashMap<>();
        for (SignoffApprover approver : signoffs.approversOf(list.stream().map(s -> s.id).toList())) {
            approvers.computeIfAbsent(approver.signoffId, id -> new ArrayList<>())
                    .add(new SignoffView.ApproverView(approver.memberId.toString(), approver.decision,
                            approver.comment, approver.decidedAt));
        }
        return list.stream().map(signoff -> new SignoffView(signoff.id.toString(), signoff.groupId.toString(),
                signoff.title, signoff.description, signoff.authorId.toString(), signoff.status,
                approvers.getOrDefault(signoff.id, List.of()), signoff.createdAt, signoff.closedAt, null)).toList();
    }
}

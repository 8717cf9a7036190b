package dev.dealroom.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.dealroom.committee.Seat;
import dev.dealroom.colleague.ColleagueRequestView;
import dev.dealroom.document.DocumentView;
import dev.dealroom.document.DocumentViewed;
import dev.dealroom.export.ExportDownloaded;
import dev.dealroom.group.GroupMemberChange;
import dev.dealroom.group.GroupView;
import dev.dealroom.member.MemberErased;
import dev.dealroom.member.MemberRemoved;
import dev.dealroom.invitation.InvitationView;
import dev.dealroom.member.MemberView;
import dev.dealroom.post.PostView;
import dev.dealroom.progress.EngagementAlert;
import dev.dealroom.progress.NudgeView;
import dev.dealroom.room.RoomSummary;
import dev.dealroom.signoff.SignoffView;
import dev.dealroom.task.TaskChange;
import dev.dealroom.task.TaskOrder;
import dev.dealroom.task.TaskRescheduled;
import dev.dealroom.task.TaskView;

/**
 * Every kind of change a room records, declared once. Each event is one row of the room's log with a
 * gapless per-room {@code seq}; room-level events (no group) reach every member of the room, group events
 * only the members of that group at the moment of delivery ({@code AccessPolicy#visibleEvent}). The frontend's
 * copy, {@code frontend/src/events.generated.js}, is generated from this declaration by
 * {@code EventCatalogueTest}.
 */
public enum EventType {

    /** The room was opened. Payload: the room ({@code RoomDetails}). Room-level: every member. */
    ROOM_CREATED("room.created", Scope.ROOM, RoomSummary.class),

    /** Stage, status or target decision date changed. Payload: the room after the change. Room-level. */
    ROOM_UPDATED("room.updated", Scope.ROOM, RoomSummary.class),

    /**
     * A person joined the room. Payload: the member and {@code groupIds}, the groups they were put in. Room-level;
     * a delivery must narrow {@code groupIds} to the recipient's own groups.
     */
    MEMBER_ADDED("member.added", Scope.ROOM, MemberView.class),

    /** An added member was sent an invitation link (or a new one). Payload: the invitation, never its token. Room-level. */
    INVITATION_SENT("invitation.sent", Scope.ROOM, InvitationView.class),

    /** An invited member used their link and joined. Payload: the invitation. Room-level. */
    INVITATION_CLAIMED("invitation.claimed", Scope.ROOM, InvitationView.class),

    /** A manager withdrew an unused invitation link. Payload: the invitation. Room-level. */
    INVITATION_REVOKED("invitation.revoked", Scope.ROOM, InvitationView.class),

    /** A person left the room, with all their group memberships. Payload: {@code memberId}, {@code name}. Room-level. */
    MEMBER_REMOVED("member.removed", Scope.ROOM, MemberRemoved.class),

    /**
     * A person was erased from the room (issue 18), by themself or by the owner: they left it with all their group
     * memberships, and their name, email and title are gone from the room, its log included (every earlier event
     * naming them now says {@code null} where their name was). Payload: {@code memberId} alone. Room-level: every
     * member; the erased member's connections are closed ({@code removed}).
     */
    MEMBER_ERASED("member.erased", Scope.ROOM, MemberErased.class),

    /** A group was added to the room. Payload: the group with its members. Group event: its members. */
    GROUP_CREATED("group.created", Scope.GROUP, GroupView.class),

    /** A member was put in a group. Payload: {@code groupId}, {@code memberId}. Group event: its members. */
    GROUP_MEMBER_ADDED("group.member_added", Scope.GROUP, GroupMemberChange.class),

    /**
     * A member was taken out of a group. Payload: {@code groupId}, {@code memberId}. Group event: its members,
     * and the removed member, who must learn the group is gone from their view.
     */
    GROUP_MEMBER_REMOVED("group.member_removed", Scope.GROUP, GroupMemberChange.class),

    /** A post or reply was written. Payload: the post ({@code PostView}). Group event. */
    POST_CREATED("post.created", Scope.GROUP, PostView.class),

    /** Its author edited a post. Payload: the post after the edit. Group event. */
    POST_EDITED("post.edited", Scope.GROUP, PostView.class),

    /** Its author deleted a post; it stays in its thread as a tombstone. Payload: the tombstone. Group event. */
    POST_DELETED("post.deleted", Scope.GROUP, PostView.class),

    /** A task was added to the group's part of the plan. Payload: the task ({@code TaskView}). Group event. */
    TASK_CREATED("task.created", Scope.GROUP, TaskView.class),

    /** A task changed (owner, due date, status, ...). Payload: the task and the fields that changed. Group event. */
    TASK_UPDATED("task.updated", Scope.GROUP, TaskChange.class),

    /**
     * The room owner or a decision-maker put the group's tasks in a new order. Payload: {@code TaskOrder}, the
     * group's task ids first first. Group event.
     */
    TASK_REORDERED("task.reordered", Scope.GROUP, TaskOrder.class),

    /**
     * A task's due rule moved its date by itself: the room's target decision date moved, or the task it follows was
     * done, reopened or rescheduled. One per task whose date changed, in the transaction of the change that moved it.
     * Payload: {@code TaskRescheduled} (the task, its new and previous dates, the cause). Group event: the task's
     * group's members; a key update for a milestone.
     */
    TASK_RESCHEDULED("task.rescheduled", Scope.GROUP, TaskRescheduled.class),

    /** A decision was asked of named approvers (a key update). Payload: the sign-off. Group event. */
    SIGNOFF_REQUESTED("signoff.requested", Scope.GROUP, SignoffView.class),

    /** An approver approved or rejected; the payload's status says whether that closed it. Group event. */
    SIGNOFF_DECIDED("signoff.decided", Scope.GROUP, SignoffView.class),

    /** Its author withdrew an open sign-off. Payload: the sign-off. Group event. */
    SIGNOFF_WITHDRAWN("signoff.withdrawn", Scope.GROUP, SignoffView.class),

    /** A document, or a new version of it, was shared. Payload: the document ({@code DocumentView}). Group event. */
    DOCUMENT_UPLOADED("document.uploaded", Scope.GROUP, DocumentView.class),

    /**
     * A member downloaded a version of a document: the engagement signal, kept in the log for the room's audit.
     * Payload: {@code DocumentViewed}. Group event.
     */
    DOCUMENT_VIEWED("document.viewed", Scope.GROUP, DocumentViewed.class),

    /**
     * The owner or a decision-maker nudged a member about their overdue tasks or unseen key updates. Payload:
     * {@code NudgeView}. Member event: only the nudged member and the sender receive it.
     */
    NUDGE_SENT("nudge.sent", Scope.MEMBER, NudgeView.class),

    /**
     * A key buyer (a buyer-side decision-maker, economic buyer or champion) has not visited the room for
     * {@code dealroom.engagement.quiet-after}, or visits again after that. Payload: {@code EngagementAlert}. Member
     * event: only the room's owner ({@code memberId}) receives it; it has no actor, the server noticed it.
     */
    ENGAGEMENT_ALERT("engagement.alert", Scope.MEMBER, EngagementAlert.class),

    /**
     * The owner changed a buyer-side member's buying roles or attitude. Payload: the member's seat ({@code Seat}).
     * Group event of {@code steering}: the owner and the decision-makers, nobody else.
     */
    COMMITTEE_CHANGED("committee.changed", Scope.GROUP, Seat.class),

    /**
     * A buyer asked to bring a colleague into the room. Payload: {@code ColleagueRequestView} (it names a person).
     * Managers event: the owner, the decision-makers and the requester; {@code groupIds} narrowed to each
     * recipient's own groups.
     */
    COLLEAGUE_REQUESTED("colleague.requested", Scope.MANAGERS, ColleagueRequestView.class),

    /**
     * The owner or a decision-maker approved a colleague request: the colleague is a member now (its
     * {@code member.added} and {@code invitation.sent} come just before). Payload: the request, with
     * {@code memberId}. Managers event.
     */
    COLLEAGUE_APPROVED("colleague.approved", Scope.MANAGERS, ColleagueRequestView.class),

    /** The owner or a decision-maker declined a colleague request. Payload: the request, with its reason. Managers event. */
    COLLEAGUE_DECLINED("colleague.declined", Scope.MANAGERS, ColleagueRequestView.class),

    /** Its requester withdrew a pending colleague request. Payload: the request. Managers event. */
    COLLEAGUE_WITHDRAWN("colleague.withdrawn", Scope.MANAGERS, ColleagueRequestView.class),

    /**
     * A member downloaded the room ({@code kind} {@code ROOM}) or their own data ({@code PERSONAL}, then one event in
     * each of their rooms, with one {@code exportId}), recorded before the download starts. Payload:
     * {@code ExportDownloaded}. Managers event: the owner, the decision-makers and the member who downloaded
     * ({@code requesterId}).
     */
    EXPORT_DOWNLOADED("export.downloaded", Scope.MANAGERS, ExportDownloaded.class);

    /**
     * Who an event is for: every member of the room, the members of its group, one member ({@code data.memberId},
     * and the sender), or the room's managers — the owner and the decision-makers — and the member who asked
     * ({@code data.requesterId}).
     */
    public enum Scope {
        ROOM, GROUP, MEMBER, MANAGERS
    }

    private final String wireName;
    private final Scope scope;
    private final Class<? extends Record> payload;

    EventType(String wireName, Scope scope, Class<? extends Record> payload) {
        this.wireName = wireName;
        this.scope = scope;
        this.payload = payload;
    }

    public static Optional<EventType> ofWireName(String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    /** Asked for every event and connection a drain delivers to: a map, not a copy of {@code values()} each time. */
    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, type -> type));

    public Scope scope() {
        return scope;
    }

    /** The record the event's {@code data} is written from. */
    public Class<? extends Record> payload() {
        return payload;
    }

    /** Whether the event changes who is in the room or in a group, and so who may see what comes after it. */
    public boolean changesMembership() {
        return this == MEMBER_ADDED || this == MEMBER_REMOVED || this == MEMBER_ERASED || this == GROUP_CREATED || this == GROUP_MEMBER_ADDED
                || this == GROUP_MEMBER_REMOVED;
    }

    /** The {@code type} of the event envelope. */
    public String wireName() {
        return wireName;
    }
}

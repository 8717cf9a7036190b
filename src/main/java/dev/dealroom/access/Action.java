package dev.dealroom.access;

import static dev.dealroom.access.CallerKind.APPROVER;
import static dev.dealroom.access.CallerKind.ASSIGNEE;
import static dev.dealroom.access.CallerKind.AUTHOR;
import static dev.dealroom.access.CallerKind.BUYER;
import static dev.dealroom.access.CallerKind.DECISION_MAKER;
import static dev.dealroom.access.CallerKind.OWNER;
import static dev.dealroom.access.CallerKind.SELLER;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every change a member may or may not make in a room, and who may: the one table of action x caller kind that
 * {@link AccessPolicy#require} reads. Seeing comes first and is not here: a group's content is reached only by its
 * members ({@link AccessPolicy#enterGroup}), and what a caller may not see answers 404 before any action is asked.
 * An action that some members may not take names the sentence the refusal (403) gives. Every action changes the
 * room, and a closed room refuses it (409), but those of {@link #allowedWhenClosed()}. The web page gets a copy of
 * this table ({@code ACTIONS} in {@code frontend/src/events.generated.js}) and offers only what its member may do.
 */
public enum Action {
    /** Rename the room, move its stage, dates, amount, welcome text and accent colour. */
    ROOM_EDIT("room.edit", "detail.managers-only", OWNER, DECISION_MAKER),
    /** Declare the deal won or lost, or reopen a decided one. */
    ROOM_DECIDE("room.decide", "detail.owner-declares-outcome", OWNER),
    /** The buyer's logo. */
    ROOM_BRAND_BUYER("room.brand_buyer", "detail.managers-only", OWNER, DECISION_MAKER),
    /** The seller's name and logo. */
    ROOM_BRAND_SELLER("room.brand_seller", "detail.owner-manages-sellers", OWNER),
    /** Add, remove, regroup and re-invite people of the buyer's side. */
    BUYERS_MANAGE("buyers.manage", "detail.managers-only", OWNER, DECISION_MAKER),
    /** The same for the seller's side: a buyer's decision-maker steers the buyer's people, not the seller's team. */
    SELLERS_MANAGE("sellers.manage", "detail.owner-manages-sellers", OWNER),
    /**
     * Erase another person from the room (issue 18): they leave it at once, and their personal data with them.
     * The owner's alone, as the person who answers for the room's data; never the owner themself.
     */
    MEMBER_ERASE("member.erase", "detail.owner-erases-people", OWNER),
    /**
     * Erase oneself from the room: every member but its owner, who answers for the room and cannot leave it (409
     * {@code owner-cannot-be-erased}, asked before this table).
     */
    MEMBER_ERASE_SELF("member.erase_self", "detail.owner-cannot-erase-self", DECISION_MAKER, SELLER, BUYER),
    /** See the room's invitations: who was invited when, and who has joined. */
    INVITATIONS_VIEW("invitations.view", "detail.managers-only", OWNER, DECISION_MAKER),
    /** Add a group to the room. */
    GROUP_CREATE("group.create", "detail.managers-only", OWNER, DECISION_MAKER),
    /** Remind a member of what they owe. */
    NUDGE_SEND("nudge.send", "detail.managers-only", OWNER, DECISION_MAKER),
    /** Write in a group's discussion. */
    POST_CREATE("post.create", null, OWNER, DECISION_MAKER, SELLER, BUYER),
    /** Make a post an announcement, which everyone must see. */
    POST_ANNOUNCE("post.announce", "detail.announce-managers-only", OWNER, DECISION_MAKER),
    /** Edit a post. */
    POST_EDIT("post.edit", "detail.post-author-only", AUTHOR),
    /** Delete a post (a tombstone stays in its thread). */
    POST_DELETE("post.delete", "detail.post-author-only", AUTHOR),
    /** Add a task to a group's plan. */
    TASK_CREATE("task.create", null, OWNER, DECISION_MAKER, SELLER, BUYER),
    /** Change a task: its status, title, owner, dates. */
    TASK_CHANGE("task.change", "detail.task-change-forbidden", OWNER, DECISION_MAKER, ASSIGNEE),
    /** Put a group's plan in another order. */
    TASK_ORDER("task.order", "detail.order-managers-only", OWNER, DECISION_MAKER),
    /** Ask members of a group to approve something. */
    SIGNOFF_REQUEST("signoff.request", null, OWNER, DECISION_MAKER, SELLER, BUYER),
    /** Approve or reject a sign-off. */
    SIGNOFF_DECIDE("signoff.decide", "detail.not-an-approver", APPROVER),
    /** Withdraw a sign-off still open. */
    SIGNOFF_WITHDRAW("signoff.withdraw", "detail.signoff-author-only", AUTHOR),
    /** Upload a document, or a new version of one. */
    DOCUMENT_UPLOAD("document.upload", null, OWNER, DECISION_MAKER, SELLER, BUYER),
    /** See the buying committee: buyers' roles and attitudes, and their coverage. Sealed to the steering group. */
    COMMITTEE_VIEW("committee.view", "detail.committee-steering-only", OWNER, DECISION_MAKER),
    /**
     * See the engagement signals of the buyer's side: each member's visits, the share of key updates seen and of
     * tasks done on time, and their level. Sealed to the steering group, as the committee is.
     */
    ENGAGEMENT_VIEW("engagement.view", "detail.engagement-steering-only", OWNER, DECISION_MAKER),
    /** Set a buyer-side member's buying roles and attitude. */
    COMMITTEE_EDIT("committee.edit", "detail.committee-owner-only", OWNER),
    /**
     * Ask the managers to bring a colleague of the buyer's side into the room. Buyers only: the owner and the
     * decision-makers add people themselves ({@link #BUYERS_MANAGE}), and the seller's team is the owner's to
     * staff, not a request for the buyer's managers to decide.
     */
    COLLEAGUE_REQUEST("colleague.request", "detail.colleague-request-buyers-only", BUYER),
    /** Approve (which adds the colleague and sends their invitation) or decline a colleague request. */
    COLLEAGUE_DECIDE("colleague.decide", "detail.managers-only", OWNER, DECISION_MAKER),
    /** Withdraw one's own colleague request while it is pending. */
    COLLEAGUE_WITHDRAW("colleague.withdraw", "detail.colleague-requester-only", AUTHOR),
    /**
     * Save the room's groups, plan and welcome text as one's template (of the groups one is in, without people): the
     * seller's side, whose way of selling it is.
     */
    TEMPLATE_SAVE("template.save", "detail.template-save-sellers-only", OWNER, SELLER),
    /**
     * See the room's webhooks and their delivery logs (event numbers and types, statuses; never an event's content).
     * The steering group: they already see every group's figures, and they decide who is in the room, so they decide
     * what leaves it too.
     */
    WEBHOOK_VIEW("webhook.view", "detail.webhooks-managers-only", OWNER, DECISION_MAKER),
    /**
     * Subscribe an endpoint of another system (a CRM, a chat) to the room's events, change, delete or redeliver. A
     * subscription receives only what its creator sees, and stops once they leave the room or lose this action.
     */
    WEBHOOK_MANAGE("webhook.manage", "detail.webhooks-managers-only", OWNER, DECISION_MAKER),
    /**
     * Download the whole room as a ZIP, as far as one sees it: the buyer keeps its data, the seller its record. The
     * owner and the decision-makers; every member downloads their own data from every room ({@code GET /api/me/export}).
     */
    ROOM_EXPORT("room.export", "detail.export-managers-only", OWNER, DECISION_MAKER);

    private final String wireName;
    private final String refusal;
    private final Set<CallerKind> allowed;

    Action(String wireName, String refusal, CallerKind first, CallerKind... rest) {
        this.wireName = wireName;
        this.refusal = refusal;
        this.allowed = Set.copyOf(EnumSet.of(first, rest));
    }

    /** The name the web page uses: {@code task.change}. */
    public String wireName() {
        return wireName;
    }

    /** Who may: a caller may when any of their kinds is here. */
    public Set<CallerKind> allowed() {
        return allowed;
    }

    /**
     * Whether the action leaves the room as it is: those named {@code *.view}, which read, saving the room as a
     * template and downloading it, which copy it. A closed room still allows them (a won deal is the room most worth
     * keeping as one, and a decided buyer the one most likely to want its data).
     */
    public boolean reads() {
        return wireName.endsWith(".view") || this == TEMPLATE_SAVE || this == ROOM_EXPORT;
    }

    /**
     * Whether a closed room still allows it: reading, its reopening ({@link #ROOM_DECIDE}), and erasing a person, whose
     * right to take their data out does not end with the deal.
     */
    public boolean allowedWhenClosed() {
        return reads() || this == ROOM_DECIDE || this == MEMBER_ERASE || this == MEMBER_ERASE_SELF;
    }

    /** The message key of the refusal; null when every member of the room may. */
    public String refusal() {
        return refusal;
    }
}

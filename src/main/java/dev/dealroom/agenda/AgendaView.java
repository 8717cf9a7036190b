package dev.dealroom.agenda;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.dealroom.event.Actor;
import dev.dealroom.progress.NudgeTopic;
import dev.dealroom.task.TaskStatus;

/**
 * What the caller owes across every room they are a member of, as only they see it: each list holds items of
 * the groups they are in now, nothing of a room they have left.
 *
 * @param rooms      the caller's rooms, with who they are in each (soonest decision date first)
 * @param tasks      open tasks assigned to the caller, by due date (overdue ones come first; no date last)
 * @param signoffs   open sign-offs that wait for the caller's decision, newest first
 * @param keyUpdates key updates of the caller's groups they have not seen yet, newest first (at most 50)
 * @param nudges     nudges the caller received in the last 30 days, newest first (at most 20)
 * @param mentions   posts of the last 30 days that mention the caller, newest first (at most 30)
 */
public record AgendaView(List<MyRoom> rooms, List<TaskItem> tasks, List<SignoffItem> signoffs,
        List<KeyUpdateItem> keyUpdates, List<NudgeItem> nudges, List<MentionItem> mentions,
        List<ColleagueRequestItem> colleagueRequests) {

    /**
     * A colleague a buyer asked to bring in, waiting for my decision (I am the owner or a decision-maker of its open
     * room), oldest first.
     *
     * @param name        the colleague's name
     * @param requestedBy the requester's name, null if they have left the room
     */
    public record ColleagueRequestItem(String roomId, String roomName, String requestId, String name,
            String requestedBy, Instant at) {
    }

    /**
     * A room of the caller.
     *
     * @param memberId the caller's member id in this room (mentions and approvers name it)
     * @param side     {@code SELLER} or {@code BUYER}
     */
    public record MyRoom(String roomId, String name, String prospectAccount, LocalDate targetDecisionDate,
            String memberId, String side, boolean owner, boolean decisionMaker) {
    }

    /**
     * Where an item lives: a group of one of the caller's rooms.
     *
     * @param groupKey the stable key of a default group, null for groups people add
     */
    public record Place(String roomId, String roomName, String groupId, String groupKey, String groupName) {
    }

    /** @param overdue due before today and not done (the one rule of lateness) */
    public record TaskItem(Place place, String taskId, String title, LocalDate dueDate, TaskStatus status,
            boolean milestone, boolean overdue) {
    }

    /** @param requestedBy the member who asked for it */
    public record SignoffItem(Place place, String signoffId, String title, Actor requestedBy, Instant requestedAt) {
    }

    /** What a key update is, so that a client needs no knowledge of event types to word and link it. */
    public enum KeyUpdateKind {
        /** an announcement post: see the group's discussion */
        ANNOUNCEMENT,
        /** a sign-off request: see the group's sign-offs */
        SIGNOFF_REQUEST,
        /** a milestone's date or status changed: see the group's plan */
        MILESTONE
    }

    /**
     * @param kind    what it is, derived from {@code type}
     * @param type    the event's type ({@code post.created} for an announcement, {@code signoff.requested},
     *                {@code task.updated} for a milestone's date or status)
     * @param subject the announcement's text (at most 200 characters), the sign-off's or the milestone's title;
     *                null once the post was deleted
     */
    public record KeyUpdateItem(Place place, long seq, KeyUpdateKind kind, String type, Actor actor, Instant at, String subject) {
    }

    /** @param by who sent it (their name at the time, or null once they have left the room) */
    public record NudgeItem(String roomId, String roomName, String nudgeId, NudgeTopic topic, String by,
            Instant at) {
    }

    /**
     * @param parentId the thread it replies to, or null for a top-level post
     * @param excerpt  the post's text, at most 200 characters
     */
    public record MentionItem(Place place, String postId, String parentId, Actor author, String excerpt,
            Instant at) {
    }
}

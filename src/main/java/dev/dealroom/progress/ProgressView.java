package dev.dealroom.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where an evaluation stands, as one member may see it. Steering members (owner, decision-makers) get the
 * figures of every group; others those of their own groups. Figures never carry the content of a group the
 * viewer is not in: no post bodies, no task titles, no document names; and of such a group that people named
 * (not a default group), neither its name nor who is in it.
 *
 * @param steering whether the viewer gets every group's figures
 */
public record ProgressView(String roomId, boolean steering, Health health, List<GroupProgress> groups,
        List<StakeholderProgress> stakeholders, Timeline timeline) {

    /**
     * @param name                   the group's name; null for a group the viewer is not in that is not a default
     *                               group (people wrote that name)
     * @param label                  what to call the group: its name, or "Private group N" when the viewer may
     *                               not see the name (N counts such groups in this view's order)
     * @param member                 whether the viewer is in the group (and so may open its content)
     * @param daysSinceLastActivity  days since the group's newest event (since the room opened, if none)
     * @param keyUpdatesNotSeenByAll key updates some member of the group has not seen yet
     */
    public record GroupProgress(String groupId, String key, String name, String label, String kind, boolean member,
            int tasksTotal, int tasksDone, int tasksOverdue, int tasksBlocked, LocalDate nextMilestone,
            int signoffsOpen, int signoffsDecided, long daysSinceLastActivity, int keyUpdatesNotSeenByAll) {
    }

    /**
     * @param lastSeen         when their client last showed them one of these groups; null if never
     * @param keyUpdatesNotSeen key updates of their groups they owe (were in the group then, have not seen yet)
     * @param groupIds         their groups among the view's, but for private ones (see {@link GroupProgress})
     */
    public record StakeholderProgress(String memberId, String name, String title, String side, boolean decisionMaker,
            int tasksOwned, int tasksOverdue, Instant lastSeen, int keyUpdatesNotSeen, List<String> groupIds) {
    }

    /**
     * @param today         the server's date, by which milestones are overdue ({@code dealroom.time-zone})
     * @param projectedDate the latest due date of an open milestone
     * @param slipDays      projected date minus target decision date, in days (positive: late)
     */
    public record Timeline(LocalDate today, LocalDate targetDecisionDate, List<MilestoneMark> milestones,
            LocalDate projectedDate, Long slipDays) {
    }

    /** @param title the task's title, only for a group the viewer is in */
    public record MilestoneMark(String taskId, String groupId, String title, LocalDate dueDate, String status,
            boolean overdue) {
    }

    public enum Verdict {
        ON_TRACK, AT_RISK, OFF_TRACK
    }

    /** The verdict and the reasons for it, each a sentence the reader can act on. */
    public record Health(Verdict verdict, List<Reason> reasons) {
    }

    /**
     * @param code     {@code tasks-overdue}, {@code tasks-blocked}, {@code group-idle}, {@code update-unseen},
     *                 {@code decision-slip}; for a steering member, the buying committee's gaps too
     *                 ({@code committee-role-missing}, {@code committee-role-silent},
     *                 {@code committee-champion-outside-business-case},
     *                 {@code committee-economic-buyer-outside-steering})
     * @param groupId  the group it is about, if any
     * @param memberId the member it is about, if any
     */
    public record Reason(String code, String text, String groupId, String memberId) {
    }
}

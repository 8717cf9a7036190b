package dev.dealroom.progress;

import java.time.Instant;
import java.util.List;

/**
 * How engaged each member of the buyer's side is, from their visits and reads only: sealed to the steering group
 * ({@code engagement.view}).
 *
 * @param coolingAfterDays a member whose last visit is this many days old or more is {@code COOLING}
 * @param quietAfterDays   ... or {@code QUIET}; a key buyer quiet this long is reported to the owner
 */
public record EngagementView(String roomId, long coolingAfterDays, long quietAfterDays,
        List<Stakeholder> stakeholders) {

    /**
     * {@code ENGAGED}: visited within the cooling time, and has seen at least half the key updates and done at least
     * half the due tasks on time (when there are any); {@code COOLING}: one of those fails, or no visit for the
     * cooling time; {@code QUIET}: no visit for the quiet time; {@code NOT_YET_VISITED}: never opened the room.
     */
    public enum Level {
        ENGAGED, COOLING, QUIET, NOT_YET_VISITED
    }

    /**
     * One buyer-side member. Their key updates and tasks are those of groups the viewer may attribute to people
     * (private groups the viewer is not in are left out, as in the coordination view's stakeholder rows).
     *
     * @param keyBuyer            a decision-maker, economic buyer or champion: the owner is alerted when they go quiet
     * @param lastVisit           when they last opened the room; null if never
     * @param visits14d           their visits in the last 14 days, today included
     * @param keyUpdatesDue       key updates of their groups published while they were in them ({@link Seen})
     * @param keyUpdatesSeen      of those, the ones they have seen
     * @param keyUpdatesSeenShare seen / due, from 0 to 1; null when none was due
     * @param tasksDue            their tasks due so far: a due date before today, or done
     * @param tasksOnTime         of those, the ones done on or before their due date
     * @param tasksOnTimeShare    on time / due, from 0 to 1; null when none was due
     * @param reasons             the level's reasons, each a sentence in the viewer's language
     */
    public record Stakeholder(String memberId, String name, String title, boolean decisionMaker, boolean keyBuyer,
            Level level, Instant lastVisit, int visits14d, int keyUpdatesDue, int keyUpdatesSeen,
            Double keyUpdatesSeenShare, int tasksDue, int tasksOnTime, Double tasksOnTimeShare,
            List<Reason> reasons) {
    }

    /**
     * @param code {@code engagement-never-visited}, {@code engagement-visited-recently}, {@code engagement-no-visit},
     *             {@code engagement-visits}, {@code engagement-key-updates-seen}, {@code engagement-tasks-on-time}
     */
    public record Reason(String code, String text) {
    }
}

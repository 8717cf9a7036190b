package dev.dealroom.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The raw figures of one room that progress, health and the pipeline are computed from. Loaded in bulk by
 * {@link RoomFactsLoader}; they include content (task titles) only for milestones, and the calculator shows a
 * title only to members of the milestone's group. The pipeline loads only a part of them (see
 * {@link RoomFactsLoader#addHealth}): enough for health, not for the whole view.
 */
final class RoomFacts {

    record Room(UUID id, String name, String prospectAccount, BigDecimal amount, String currency,
            LocalDate targetDecisionDate, String stage, String status, Instant createdAt) {
    }

    record Group(UUID id, String key, String name, String kind, Instant createdAt) {
    }

    record Member(UUID id, String email, String name, String title, String side, boolean decisionMaker,
            boolean owner) {
    }

    record TaskFigures(int total, int done, int overdue, int blocked, LocalDate nextMilestone) {
        static final TaskFigures NONE = new TaskFigures(0, 0, 0, 0, null);

        /** The figures health reads, all the pipeline loads: the others are left at zero. */
        static TaskFigures health(int overdue, int blocked) {
            return new TaskFigures(0, 0, overdue, blocked, null);
        }
    }

    record Owned(UUID memberId, UUID groupId, int owned, int overdue) {
    }

    record Milestone(UUID taskId, UUID groupId, String title, LocalDate dueDate, String status) {
    }

    record SignoffFigures(int open, int decided) {
        static final SignoffFigures NONE = new SignoffFigures(0, 0);
    }

    record KeyUpdate(long seq, UUID groupId, String type, Instant at) {
    }

    record Marker(UUID memberId, UUID groupId, long lastSeq, Instant readAt) {
    }

    /** A member's visits: the latest, and how many in the last 14 days ({@link RoomFactsLoader#addEngagement}). */
    record Visits(Instant last, int recent) {
    }

    /**
     * Of a member's tasks in one group: those due so far (a due date before today, or done) and those done on or
     * before their due date; and the key updates of the group they were expected to see (in it when published).
     */
    record Due(UUID memberId, UUID groupId, int tasks, int tasksOnTime, int keyUpdates) {
    }

    Room room;
    final List<Group> groups = new ArrayList<>();
    final List<Member> members = new ArrayList<>();
    final Map<UUID, Set<UUID>> groupMembers = new HashMap<>();
    final Map<UUID, TaskFigures> tasks = new HashMap<>();
    final List<Owned> owned = new ArrayList<>();
    final List<Milestone> milestones = new ArrayList<>();
    final Map<UUID, SignoffFigures> signoffs = new HashMap<>();
    final Map<UUID, Instant> lastActivity = new HashMap<>();
    final List<KeyUpdate> keyUpdates = new ArrayList<>();
    final List<Marker> markers = new ArrayList<>();
    /** Per key update (its seq), the members who owe it ({@link Seen#OWED}). */
    final Map<Long, Set<UUID>> owedBy = new HashMap<>();
    Instant lastBuyerActivity;
    /** Engagement only ({@link RoomFactsLoader#addEngagement}): visits per member, what each owed, the key buyers. */
    final Map<UUID, Visits> visits = new HashMap<>();
    final List<Due> due = new ArrayList<>();
    final Set<UUID> keyBuyers = new HashSet<>();
    /** When the room was closed, and why for the seller's side (the pipeline's archive); null while open. */
    Instant closedAt;
    String closeReason;

    Set<UUID> groupsOf(UUID memberId) {
        Set<UUID> groups = new HashSet<>();
        groupMembers.forEach((group, members) -> {
            if (members.contains(memberId)) {
                groups.add(group);
            }
        });
        return groups;
    }

    /** The members who were expected to see the key update and have not yet. */
    Set<UUID> owing(KeyUpdate update) {
        return owedBy.getOrDefault(update.seq(), Set.of());
    }
}

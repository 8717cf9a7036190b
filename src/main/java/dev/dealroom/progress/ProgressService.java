package dev.dealroom.progress;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.committee.CommitteeService;
import dev.dealroom.committee.Coverage;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.room.RoomStage;

/** The coordination view of one room, and the pipeline of all the caller's rooms, a page at a time. */
@ApplicationScoped
public class ProgressService {

    /** The largest page of the pipeline. */
    public static final int MAX_PAGE = 200;

    /**
     * The pipeline's sorts, ties broken by room id. Most read only the rooms' own columns, so the figures of one page
     * are all that is loaded; the last buyer activity and, above all, health need every room's.
     */
    private static final Map<String, Sort> SORTS = Map.of(
            "decisionDate", new Sort(Comparator.comparing(PipelineItem::targetDecisionDate), Reads.ROOM),
            "name", new Sort(Comparator.comparing(PipelineItem::name, String.CASE_INSENSITIVE_ORDER), Reads.ROOM),
            "amount", new Sort(Comparator.comparing(PipelineItem::amount,
                    Comparator.nullsFirst(Comparator.naturalOrder())), Reads.ROOM),
            "stage", new Sort(Comparator.comparing(item -> RoomStage.valueOf(item.stage())), Reads.ROOM),
            "health", new Sort(Comparator.comparing(PipelineItem::health)
                    .thenComparing(PipelineItem::healthReasons), Reads.HEALTH),
            "lastBuyerActivity", new Sort(Comparator.comparing(PipelineItem::lastBuyerActivity,
                    Comparator.nullsFirst(Comparator.naturalOrder())), Reads.LAST_BUYER_ACTIVITY));

    private enum Reads {
        ROOM, LAST_BUYER_ACTIVITY, HEALTH
    }

    private record Sort(Comparator<PipelineItem> comparator, Reads reads) {
    }

    private final RoomFactsLoader loader;
    private final AccessPolicy access;
    private final CommitteeService committee;
    private final ProgressCalculator calculator;
    private final Engagement engagement;
    private final Clock clock;

    public ProgressService(RoomFactsLoader loader, AccessPolicy access, CommitteeService committee,
            DealRoomConfig config, Clock clock) {
        this.loader = loader;
        this.access = access;
        this.committee = committee;
        this.calculator = new ProgressCalculator(config.progress().idleAfter(), config.progress().unseenAfter());
        this.engagement = new Engagement(config.engagement().coolingAfter(), config.engagement().quietAfter());
        this.clock = clock;
    }

    /** The coordination view, its words (health reasons, group labels) in {@code language}. */
    @Transactional
    public ProgressView progress(Caller caller, String roomId, Language language) {
        return progress(access.enterRoom(caller, roomId), language);
    }

    /**
     * The engagement of the room's buyer side, for the steering group ({@code engagement.view}); its key updates and
     * tasks are those of the groups the viewer may attribute to people, as in the coordination view.
     */
    @Transactional
    public EngagementView engagement(Caller caller, String roomId, Language language) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.require(room.me(), Action.ENGAGEMENT_VIEW);
        ZonedDateTime now = ZonedDateTime.now(clock);
        RoomFacts facts = loader.load(List.of(room.roomId()), now.toLocalDate()).get(room.roomId());
        loader.addEngagement(List.of(facts), now.toLocalDate());
        Set<UUID> ownGroups = room.groupIds();
        return engagement.view(facts, ProgressCalculator.attributable(facts, scope(facts, room.me(), ownGroups),
                ownGroups), now.toInstant(), language);
    }

    /** The coordination view of a room the caller has been admitted into, as they may see it. */
    @Transactional(Transactional.TxType.MANDATORY)
    ProgressView progress(RoomAccess room) {
        return progress(room, Language.FALLBACK);
    }

    private ProgressView progress(RoomAccess room, Language language) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        RoomFacts facts = loader.load(List.of(room.roomId()), now.toLocalDate()).get(room.roomId());
        List<Coverage.Finding> gaps = access.may(room.me(), Action.COMMITTEE_VIEW)
                ? committee.healthGaps(List.of(room.roomId()), now.toInstant()).getOrDefault(room.roomId(), List.of())
                : List.of();
        return view(facts, room.me(), room.groupIds(), now, language, gaps);
    }

    /**
     * One page of the rooms the caller is a member of, sorted by {@code sort} ({@code decisionDate} by default):
     * {@code limit} rooms from the {@code offset}-th, and how many there are in all.
     */
    @Transactional
    public PipelinePage pipeline(Caller caller, String sort, String order, int offset, int limit, boolean archived) {
        Sort by = SORTS.get(sort);
        List<ApiException.Invalid> invalid = new ArrayList<>();
        if (by == null) {
            invalid.add(new ApiException.Invalid("sort", "invalid-value",
                    Text.of("field.sort", "sorts", String.join(", ", new TreeSet<>(SORTS.keySet())))));
        }
        if (!"asc".equals(order) && !"desc".equals(order)) {
            invalid.add(new ApiException.Invalid("order", "invalid-value", Text.of("field.order")));
        }
        if (offset < 0) {
            invalid.add(new ApiException.Invalid("offset", "out-of-range", Text.of("field.offset")));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            invalid.add(new ApiException.Invalid("limit", "out-of-range", Text.of("field.limit", "max", MAX_PAGE)));
        }
        if (!invalid.isEmpty()) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, invalid.size() == 1 ? invalid.get(0).message() : null,
                    invalid);
        }
        String email = caller.memberEmail().orElse(null);
        if (email == null) {
            return new PipelinePage(List.of(), 0, null);
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        Map<UUID, RoomFacts> rooms = loader.roomsOf(email, archived, access.buyersReadRoomsClosedAfter());
        // Every room gets what the sort reads; the page's rooms then get the rest.
        boolean byHealth = by.reads() == Reads.HEALTH;
        boolean byBuyerActivity = by.reads() == Reads.LAST_BUYER_ACTIVITY;
        Map<UUID, List<Coverage.Finding>> gaps = new HashMap<>();
        if (byHealth) {
            loader.addHealth(rooms.values(), email, now.toLocalDate());
            gaps.putAll(committeeGaps(rooms.values(), email, now));
        }
        if (byBuyerActivity) {
            loader.addLastBuyerActivity(rooms.values());
        }
        Map<RoomFacts, ProgressCalculator.Summary> health = new HashMap<>();
        if (byHealth) {
            rooms.values().forEach(facts -> health.put(facts, health(facts, email, now, gaps)));
        }
        Map<RoomFacts, PipelineItem> keys = new HashMap<>();
        rooms.values().forEach(facts -> keys.put(facts, item(facts, health.get(facts))));
        Comparator<PipelineItem> ordered = "desc".equals(order) ? by.comparator().reversed() : by.comparator();
        List<RoomFacts> sorted = rooms.values().stream()
                .sorted(Comparator.comparing(keys::get, ordered.thenComparing(PipelineItem::roomId))).toList();
        List<RoomFacts> page = sorted.subList(Math.min(offset, sorted.size()),
                (int) Math.min((long) offset + limit, sorted.size()));
        if (!byHealth) {
            loader.addHealth(page, email, now.toLocalDate());
            gaps.putAll(committeeGaps(page, email, now));
            page.forEach(facts -> health.put(facts, health(facts, email, now, gaps)));
        }
        if (!byBuyerActivity) {
            loader.addLastBuyerActivity(page);
        }
        int next = offset + page.size();
        return new PipelinePage(page.stream().map(facts -> item(facts, health.get(facts))).toList(), sorted.size(),
                next < sorted.size() ? next : null);
    }

    /** The room's line; without its health or last buyer activity when they are not loaded yet, to sort by the rest. */
    private static PipelineItem item(RoomFacts facts, ProgressCalculator.Summary health) {
        RoomFacts.Room room = facts.room;
        return new PipelineItem(room.id().toString(), room.name(), room.prospectAccount(), room.stage(),
                room.status(), room.amount(), room.currency(), room.targetDecisionDate(),
                health == null ? null : health.verdict(), health == null ? 0 : health.reasons(),
                health == null ? null : health.nextMilestone(), facts.lastBuyerActivity, facts.closedAt,
                facts.closeReason);
    }

    private ProgressCalculator.Summary health(RoomFacts facts, String email, ZonedDateTime now,
            Map<UUID, List<Coverage.Finding>> gaps) {
        RoomMember member = viewer(facts, email);
        Set<UUID> ownGroups = facts.groupsOf(member.id());
        List<Coverage.Finding> committeeGaps = access.may(member, Action.COMMITTEE_VIEW)
                ? gaps.getOrDefault(facts.room.id(), List.of()) : List.of();
        return calculator.summarise(facts, scope(facts, member, ownGroups), ownGroups, now, committeeGaps);
    }

    private static RoomMember viewer(RoomFacts facts, String email) {
        RoomFacts.Member me = facts.members.stream().filter(member -> member.email().equals(email)).findFirst()
                .orElseThrow();
        return new RoomMember(me.id(), facts.room.id(), me.name(), me.owner(), me.decisionMaker(),
                "SELLER".equals(me.side()));
    }

    /** The committee's gaps of the rooms where this viewer is of the steering group; the others' are not read. */
    private Map<UUID, List<Coverage.Finding>> committeeGaps(Collection<RoomFacts> rooms, String email,
            ZonedDateTime now) {
        List<UUID> steering = rooms.stream().filter(facts -> access.may(viewer(facts, email), Action.COMMITTEE_VIEW))
                .map(facts -> facts.room.id()).toList();
        return committee.healthGaps(steering, now.toInstant());
    }

    private Set<UUID> scope(RoomFacts facts, RoomMember me, Set<UUID> ownGroups) {
        Set<UUID> all = facts.groups.stream().map(RoomFacts.Group::id).collect(Collectors.toSet());
        return access.figureScope(me, ownGroups, all);
    }

    private ProgressView view(RoomFacts facts, RoomMember me, Set<UUID> ownGroups, ZonedDateTime now,
            Language language, List<Coverage.Finding> committeeGaps) {
        return calculator.calculate(facts, me.manager(), scope(facts, me, ownGroups), ownGroups, now, language,
                committeeGaps);
    }
}

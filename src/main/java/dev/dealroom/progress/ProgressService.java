package dev.dealroom.progress;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.DealRoomConfig;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.member.MemberService;
import dev.dealroom.room.RoomStage;
import dev.dealroom.common.i18n.Text;

/** The coordination view of one room, and the pipeline of all the caller's rooms. */
@ApplicationScoped
public class ProgressService {

    private static final Map<String, Comparator<PipelineItem>> SORTS = Map.of(
            "decisionDate", Comparator.comparing(PipelineItem::targetDecisionDate),
            "name", Comparator.comparing(PipelineItem::name, String.CASE_INSENSITIVE_ORDER),
            "amount", Comparator.comparing(PipelineItem::amount, Comparator.nullsFirst(Comparator.naturalOrder())),
            "stage", Comparator.comparing(item -> RoomStage.valueOf(item.stage())),
            "health", Comparator.comparing(PipelineItem::health).thenComparing(PipelineItem::healthReasons),
            "lastBuyerActivity", Comparator.comparing(PipelineItem::lastBuyerActivity,
                    Comparator.nullsFirst(Comparator.naturalOrder())));

    private final RoomFactsLoader loader;
    private final AccessPolicy access;
    private final MemberService members;
    private final ProgressCalculator calculator;
    private final Clock clock;

    public ProgressService(RoomFactsLoader loader, AccessPolicy access, MemberService members,
            DealRoomConfig config, Clock clock) {
        this.loader = loader;
        this.access = access;
        this.members = members;
        this.calculator = new ProgressCalculator(config.progress().idleAfter(), config.progress().unseenAfter());
        this.clock = clock;
    }

    /** The coordination view, its words (health reasons, group labels) in {@code language}. */
    @Transactional
    public ProgressView progress(Caller caller, String roomId, Language language) {
        return progress(access.enterRoom(caller, roomId), language);
    }

    /** The coordination view of a room the caller has been admitted into, as they may see it. */
    @Transactional(Transactional.TxType.MANDATORY)
    ProgressView progress(RoomAccess room) {
        return progress(room, Language.FALLBACK);
    }

    private ProgressView progress(RoomAccess room, Language language) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        RoomFacts facts = loader.load(List.of(room.roomId()), now.toLocalDate()).get(room.roomId());
        return view(facts, room.me(), room.groupIds(), now, language);
    }

    /** Every room the caller is a member of, sorted by {@code sort} ({@code decisionDate} by default). */
    @Transactional
    public List<PipelineItem> pipeline(Caller caller, String sort, String order) {
        Comparator<PipelineItem> comparator = SORTS.get(sort);
        if (comparator == null) {
            throw ApiException.invalidField("sort", "invalid-value",
                    Text.of("field.sort", "sorts", String.join(", ", new java.util.TreeSet<>(SORTS.keySet()))));
        }
        if (!"asc".equals(order) && !"desc".equals(order)) {
            throw ApiException.invalidField("order", "invalid-value", Text.of("field.order"));
        }
        String email = caller.memberEmail().orElse(null);
        if (email == null) {
            return List.of();
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        Map<UUID, RoomFacts> rooms = loader.load(members.roomIdsOf(email), now.toLocalDate());
        List<PipelineItem> items = rooms.values().stream().map(facts -> item(facts, email, now)).toList();
        Comparator<PipelineItem> ordered = "desc".equals(order) ? comparator.reversed() : comparator;
        return items.stream().sorted(ordered.thenComparing(PipelineItem::roomId)).toList();
    }

    private PipelineItem item(RoomFacts facts, String email, ZonedDateTime now) {
        RoomFacts.Member me = facts.members.stream().filter(member -> member.email().equals(email)).findFirst()
                .orElseThrow();
        RoomMember member = new RoomMember(me.id(), facts.room.id(), me.name(), me.owner(), me.decisionMaker(),
                "SELLER".equals(me.side()));
        ProgressView view = view(facts, member, facts.groupsOf(me.id()), now, Language.FALLBACK);
        RoomFacts.Room room = facts.room;
        return new PipelineItem(room.id().toString(), room.name(), room.prospectAccount(), room.stage(),
                room.status(), room.amount(), room.currency(), room.targetDecisionDate(), view.health().verdict(),
                view.health().reasons().size(), view.timeline().milestones().stream()
                        .filter(mark -> !"DONE".equals(mark.status()) && mark.dueDate() != null)
                        .map(ProgressView.MilestoneMark::dueDate).min(Comparator.naturalOrder()).orElse(null),
                facts.lastBuyerActivity);
    }

    private ProgressView view(RoomFacts facts, RoomMember me, Set<UUID> ownGroups, ZonedDateTime now,
            Language language) {
        Set<UUID> all = facts.groups.stream().map(RoomFacts.Group::id).collect(Collectors.toSet());
        Set<UUID> scope = access.figureScope(me, ownGroups, all);
        return calculator.calculate(facts, me.manager(), scope, ownGroups, now, language);
    }
}

package dev.dealroom.room;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.RateLimits;
import dev.dealroom.common.Texts;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.event.Actor;
import dev.dealroom.event.EventLog;
import dev.dealroom.event.EventType;
import dev.dealroom.group.GroupService;
import dev.dealroom.member.MemberService;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.task.PlanSchedule;

/** Opens rooms and keeps their opportunity fields; every change is one event in the room's log. */
@ApplicationScoped
public class RoomService {

    private final RoomRepository rooms;
    private final MemberService members;
    private final GroupService groups;
    private final AccessPolicy access;
    private final EventLog events;
    private final Idempotency idempotency;
    private final RateLimits limits;
    private final RoomLogos logos;
    private final PlanSchedule schedule;
    private final Clock clock;

    public RoomService(RoomRepository rooms, MemberService members, GroupService groups, AccessPolicy access,
            EventLog events, Idempotency idempotency, RateLimits limits, RoomLogos logos, PlanSchedule schedule,
            Clock clock) {
        this.logos = logos;
        this.schedule = schedule;
        this.clock = clock;
        this.rooms = rooms;
        this.members = members;
        this.groups = groups;
        this.access = access;
        this.events = events;
        this.idempotency = idempotency;
        this.limits = limits;
    }

    /** Opens a room; the caller becomes its owner, on the seller side, in each of the default groups. */
    @Transactional
    public RoomView create(Caller caller, CreateRoomRequest request, String idempotencyKey) {
        String email = caller.memberEmail().orElseThrow(() -> new ApiException(ProblemCode.EMAIL_NOT_VERIFIED,
                Text.of("detail.verify-email")));
        return idempotency.once(caller, "room.create", "", Idempotency.key(request.clientId(), idempotencyKey),
                request, RoomView.class, () -> open(caller, email, request));
    }

    private RoomView open(Caller caller, String email, CreateRoomRequest request) {
        if ((request.amount() == null) != (request.currency() == null)) {
            String field = request.amount() == null ? "amount" : "currency";
            throw ApiException.invalidField(field, "required", Text.of("field.amount-and-currency"));
        }
        Inputs.plausibleDate("targetDecisionDate", request.targetDecisionDate());
        // Counted here, past the idempotency check: a retry of a room already opened answers it, limit or not.
        RateLimits.Limit limit = limits.roomsOpened();
        limits.takeTurns(limit, email);
        RoomRepository.Opened opened = rooms.openedBy(email, limits.periodStart(limit));
        limits.check(limit, opened.count(), opened.first() == null ? null : opened.first().plus(limit.period()));

        Room room = new Room();
        room.id = Ids.newId();
        room.name = request.name().strip();
        room.prospectAccount = request.prospectAccount().strip();
        room.amount = request.amount();
        room.currency = request.currency();
        room.targetDecisionDate = request.targetDecisionDate();
        room.stage = Objects.requireNonNullElse(request.stage(), RoomStage.DEFAULT);
        room.status = Objects.requireNonNullElse(request.status(), RoomStatus.OPEN);
        room.createdAt = clock.instant();
        room.updatedAt = room.createdAt;
        rooms.persist(room);

        RoomMember owner = members.addOwner(room.id, email, caller.name());
        groups.createDefaults(room.id, owner.id());
        long seq = events.append(room.id, EventType.ROOM_CREATED, null, Actor.of(owner), RoomSummary.of(room));
        return new RoomView(RoomSummary.of(room), members.view(owner.id()), groups.visibleTo(owner.id()), seq);
    }

    /** The rooms the caller is a member of, soonest decision first. */
    @Transactional
    public List<RoomSummary> listMine(Caller caller) {
        return caller.memberEmail()
                .map(email -> rooms.listByIds(members.roomIdsOf(email)).stream().map(RoomSummary::of).toList())
                .orElse(List.of());
    }

    @Transactional
    public RoomView get(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        Room entity = rooms.findById(room.roomId());
        return view(room, entity, entity.lastSeq);
    }

    /**
     * Moves the evaluation along (stage, status, target decision date, amount) and sets how the room greets the
     * buyer (seller's name, welcome message, accent colour). Owner and decision-makers; the outcome and the seller's
     * name are the owner's.
     */
    @Transactional
    public RoomView update(Caller caller, String roomId, UpdateRoomRequest request) {
        RoomAccess room = access.enterRoom(caller, roomId);
        access.requireManager(room);
        if (request.isEmpty()) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, Text.of("detail.room-change-empty"));
        }
        if (request.targetDecisionDate() != null) {
            // The tasks due before the decision move with it: the plan's locks come before the room row's.
            schedule.lockForDecisionMove(room.roomId());
        }
        // Locked: concurrent changes take turns, and the outcome rule below is checked against the latest status.
        Room entity = rooms.findById(room.roomId(), LockModeType.PESSIMISTIC_WRITE);
        if (request.status() != null && request.status() != entity.status
                && (request.status().decided() || entity.status.decided())) {
            access.requireOwnerForOutcome(room);
        }
        if (request.targetDecisionDate() != null) {
            Inputs.plausibleDate("targetDecisionDate", request.targetDecisionDate());
        }
        String sellerName = request.sellerName() == null ? entity.sellerName : blankToNull(request.sellerName());
        if (sellerName != null && !Texts.rendersSomething(sellerName)) {
            throw ApiException.invalidField("sellerName", "required", Text.of("field.name-visible"));
        }
        if (!Objects.equals(sellerName, entity.sellerName)) {
            access.requireManagerOf(room, true); // the seller's side is the owner's
        }
        String accent = request.accentColor() == null ? entity.accentColor
                : blankToNull(request.accentColor()) == null ? null : AccentColors.normalise(request.accentColor());
        if (accent != null && !accent.equals(entity.accentColor)
                && AccentColors.contrastWithWhite(accent) < AccentColors.MINIMUM_CONTRAST) {
            throw ApiException.invalidField("accentColor", AccentColors.LOW_CONTRAST, Text.of("field.accent-contrast",
                    "color", accent, "contrast", "%.1f".formatted(AccentColors.contrastWithWhite(accent)),
                    "minimum", "%.1f".formatted(AccentColors.MINIMUM_CONTRAST)));
        }
        BigDecimal amount = request.amount() != null ? request.amount() : entity.amount;
        String currency = request.currency() != null ? request.currency() : entity.currency;
        if ((amount == null) != (currency == null)) {
            String field = amount == null ? "amount" : "currency";
            throw ApiException.invalidField(field, "required", Text.of("field.amount-and-currency"));
        }
        String welcome = request.welcomeMessage() == null ? entity.welcomeMessage
                : blankToNull(request.welcomeMessage());
        LocalDate date = Objects.requireNonNullElse(request.targetDecisionDate(), entity.targetDecisionDate);
        RoomStage stage = Objects.requireNonNullElse(request.stage(), entity.stage);
        RoomStatus status = Objects.requireNonNullElse(request.status(), entity.status);
        if (Objects.equals(date, entity.targetDecisionDate) && stage == entity.stage && status == entity.status
                && sameAmount(amount, entity.amount) && Objects.equals(currency, entity.currency)
                && Objects.equals(sellerName, entity.sellerName) && Objects.equals(welcome, entity.welcomeMessage)
                && Objects.equals(accent, entity.accentColor)) {
            // Nothing changes (a repeated request): no event, so one change is one event however often it is sent.
            return view(room, entity, entity.lastSeq);
        }
        boolean decisionMoved = !Objects.equals(date, entity.targetDecisionDate);
        entity.targetDecisionDate = date;
        entity.stage = stage;
        entity.status = status;
        entity.amount = amount;
        entity.currency = currency;
        entity.sellerName = sellerName;
        entity.welcomeMessage = welcome;
        entity.accentColor = accent;
        RoomView view = changed(room, entity);
        if (decisionMoved) {
            schedule.decisionDateMoved(room.roomId(), date, Actor.of(room.me()));
        }
        return view;
    }

    /**
     * Replaces the buyer's or the seller's logo: PNG, JPEG or WebP, as the bytes show (SVG, which can carry
     * script, is refused), up to {@link RoomLogos#MAX_BYTES}. The buyer's logo is the managers', the seller's the
     * owner's.
     */
    @Transactional
    public RoomView putLogo(Caller caller, String roomId, String sideSegment, byte[] content) {
        RoomAccess room = access.enterRoom(caller, roomId);
        LogoSide side = LogoSide.ofPath(sideSegment).orElseThrow(ApiException::notFound);
        access.requireManagerOf(room, side == LogoSide.SELLER);
        String type = RoomLogos.detect(content);
        Room entity = rooms.findById(room.roomId(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        logos.put(room.roomId(), side, type, content, now);
        if (side == LogoSide.BUYER) {
            entity.buyerLogoAt = now;
        } else {
            entity.sellerLogoAt = now;
        }
        return changed(room, entity);
    }

    /** Removes a logo; removing one there is not changes nothing and records no event. */
    @Transactional
    public RoomView deleteLogo(Caller caller, String roomId, String sideSegment) {
        RoomAccess room = access.enterRoom(caller, roomId);
        LogoSide side = LogoSide.ofPath(sideSegment).orElseThrow(ApiException::notFound);
        access.requireManagerOf(room, side == LogoSide.SELLER);
        Room entity = rooms.findById(room.roomId(), LockModeType.PESSIMISTIC_WRITE);
        if (!logos.delete(room.roomId(), side)) {
            return view(room, entity, entity.lastSeq);
        }
        if (side == LogoSide.BUYER) {
            entity.buyerLogoAt = null;
        } else {
            entity.sellerLogoAt = null;
        }
        return changed(room, entity);
    }

    /** A logo, for members of the room only (404 otherwise, and when there is none). */
    @Transactional
    public RoomLogos.Logo logo(Caller caller, String roomId, String sideSegment) {
        RoomAccess room = access.enterRoom(caller, roomId);
        LogoSide side = LogoSide.ofPath(sideSegment).orElseThrow(ApiException::notFound);
        return logos.find(room.roomId(), side).orElseThrow(ApiException::notFound);
    }

    private RoomView changed(RoomAccess room, Room entity) {
        entity.updatedAt = clock.instant();
        long seq = events.append(room.roomId(), EventType.ROOM_UPDATED, null, Actor.of(room.me()),
                RoomSummary.of(entity));
        return view(room, entity, seq);
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text.strip();
    }

    private RoomView view(RoomAccess room, Room entity, long seq) {
        return new RoomView(RoomSummary.of(entity), members.view(room.me().id()), groups.visibleTo(room.me().id()),
                seq);
    }
}

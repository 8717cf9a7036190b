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
import dev.dealroom.access.Action;
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
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.RequestLanguage;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.task.PlanSchedule;
import dev.dealroom.template.TemplateContent;
import dev.dealroom.template.TemplateService;

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
    private final TemplateService templates;
    private final RequestLanguage language;
    private final Clock clock;

    public RoomService(RoomRepository rooms, MemberService members, GroupService groups, AccessPolicy access,
            EventLog events, Idempotency idempotency, RateLimits limits, RoomLogos logos, PlanSchedule schedule,
            TemplateService templates, RequestLanguage language, Clock clock) {
        this.templates = templates;
        this.language = language;
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

    /**
     * Opens a room; the caller becomes its owner, on the seller side, in each of the default groups. From a template,
     * a built-in one's texts are in the request's language.
     */
    @Transactional
    public RoomView create(Caller caller, CreateRoomRequest request, String idempotencyKey) {
        return create(caller, request, idempotencyKey, null);
    }

    /**
     * Opens a room, from a template when the request names one ({@code templateId}, e.g.
     * {@link dev.dealroom.template.BuiltInTemplates#COMPLEX_B2B_EVALUATION}), a built-in one's texts in
     * {@code in} (null: the request's language). Everything in one transaction.
     */
    @Transactional
    public RoomView create(Caller caller, CreateRoomRequest request, String idempotencyKey, Language in) {
        String email = caller.memberEmail().orElseThrow(() -> new ApiException(ProblemCode.EMAIL_NOT_VERIFIED,
                Text.of("detail.verify-email")));
        return idempotency.once(caller, "room.create", "", Idempotency.key(request.clientId(), idempotencyKey),
                request, RoomView.class, () -> open(caller, email, request, in));
    }

    private RoomView open(Caller caller, String email, CreateRoomRequest request, Language in) {
        if ((request.amount() == null) != (request.currency() == null)) {
            String field = request.amount() == null ? "amount" : "currency";
            throw ApiException.invalidField(field, "required", Text.of("field.amount-and-currency"));
        }
        Inputs.plausibleDate("targetDecisionDate", request.targetDecisionDate());
        TemplateContent template = request.templateId() == null ? null
                : templates.resolve(caller, request.templateId(), in != null ? in : language.get());
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
        if (room.status.decided()) {
            // a deal is decided in its room, with a reason: a room opens undecided
            throw ApiException.invalidField("status", "invalid-value", Text.of("field.room-opens-undecided"));
        }
        String welcome = request.welcomeMessage() == null ? null : blankToNull(request.welcomeMessage());
        room.welcomeMessage = welcome != null || template == null ? welcome : template.welcomeMessage();
        room.createdAt = clock.instant();
        room.updatedAt = room.createdAt;
        rooms.persist(room);

        RoomMember owner = members.addOwner(room.id, email, caller.name());
        groups.createDefaults(room.id, owner.id());
        long seq = events.append(room.id, EventType.ROOM_CREATED, null, Actor.of(owner), RoomSummary.of(room));
        if (template != null) {
            rooms.flush(); // the plan's rules read the room's dates
            templates.plant(owner, template);
            seq = rooms.lastSeq(room.id);
        }
        return new RoomView(RoomSummary.of(room), members.view(owner.id()), groups.visibleTo(owner.id()), seq,
                access.mayTake(owner), null, null);
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
        // Who may not change the room learns nothing more: 403, or 409 when it is closed (but for its reopening).
        boolean reopening = request.status() != null && !request.status().decided();
        access.require(room.me(), room.me().roomClosedAt() != null && reopening ? Action.ROOM_DECIDE : Action.ROOM_EDIT);
        if (request.isEmpty()) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, Text.of("detail.room-change-empty"));
        }
        if (request.targetDecisionDate() != null) {
            // The tasks due before the decision move with it: the plan's locks come before the room row's.
            schedule.lockForDecisionMove(room.roomId());
        }
        // Locked: concurrent changes take turns, and the outcome rules below are checked against the latest status.
        Room entity = rooms.findById(room.roomId(), LockModeType.PESSIMISTIC_WRITE);
        boolean decides = request.status() != null && request.status() != entity.status
                && (request.status().decided() || entity.status.decided());
        if (entity.closedAt != null) {
            // A closed room is read-only: the one change it takes is its reopening, alone, by the owner.
            if (!decides || request.status().decided() || !request.statusAlone() || request.closeReason() != null) {
                throw new ApiException(ProblemCode.ROOM_CLOSED, Text.of("detail.room-closed"));
            }
            access.require(room.me(), Action.ROOM_DECIDE);
            entity.status = request.status();
            entity.closedAt = null;
            entity.closeReason = null;
            return changed(room, entity);
        }
        access.require(room.me(), Action.ROOM_EDIT);
        if (decides) {
            access.require(room.me(), Action.ROOM_DECIDE);
        }
        String closeReason = request.closeReason() == null ? null : blankToNull(request.closeReason());
        boolean closes = request.status() != null && request.status().decided();
        if (closes && (closeReason == null || !Texts.rendersSomething(closeReason))) {
            throw ApiException.invalidField("closeReason", "required", Text.of("field.close-reason"));
        }
        if (!closes && request.closeReason() != null) {
            throw ApiException.invalidField("closeReason", "invalid-value", Text.of("field.close-reason-only"));
        }
        if (request.targetDecisionDate() != null) {
            Inputs.plausibleDate("targetDecisionDate", request.targetDecisionDate());
        }
        String sellerName = request.sellerName() == null ? entity.sellerName : blankToNull(request.sellerName());
        if (sellerName != null && !Texts.rendersSomething(sellerName)) {
            throw ApiException.invalidField("sellerName", "required", Text.of("field.name-visible"));
        }
        if (!Objects.equals(sellerName, entity.sellerName)) {
            access.require(room.me(), Action.ROOM_BRAND_SELLER);
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
        ErasedPostText erasedPostText = Objects.requireNonNullElse(request.erasedPostText(), entity.erasedPostText);
        if (Objects.equals(date, entity.targetDecisionDate) && stage == entity.stage && status == entity.status
                && sameAmount(amount, entity.amount) && Objects.equals(currency, entity.currency)
                && Objects.equals(sellerName, entity.sellerName) && Objects.equals(welcome, entity.welcomeMessage)
                && Objects.equals(accent, entity.accentColor) && erasedPostText == entity.erasedPostText) {
            // Nothing changes (a repeated request): no event, so one change is one event however often it is sent.
            return view(room, entity, entity.lastSeq);
        }
        boolean decisionMoved = !Objects.equals(date, entity.targetDecisionDate);
        entity.targetDecisionDate = date;
        entity.stage = stage;
        entity.status = status;
        if (closes) {
            entity.closedAt = clock.instant();
            entity.closeReason = closeReason;
        }
        entity.amount = amount;
        entity.currency = currency;
        entity.sellerName = sellerName;
        entity.welcomeMessage = welcome;
        entity.accentColor = accent;
        entity.erasedPostText = erasedPostText;
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
        access.require(room.me(), side == LogoSide.SELLER ? Action.ROOM_BRAND_SELLER : Action.ROOM_BRAND_BUYER);
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
        access.require(room.me(), side == LogoSide.SELLER ? Action.ROOM_BRAND_SELLER : Action.ROOM_BRAND_BUYER);
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

    /** The room as its member sees it once {@code entity} holds what is now written (closed, reopened). */
    private RoomView view(RoomAccess room, Room entity, long seq) {
        RoomMember me = room.me();
        RoomMember now = new RoomMember(me.id(), me.roomId(), me.name(), me.owner(), me.decisionMaker(), me.seller(),
                entity.closedAt);
        return new RoomView(RoomSummary.of(entity), members.view(me.id()), groups.visibleTo(me.id()), seq,
                access.mayTake(now), me.seller() ? entity.closeReason : null, access.readUntil(now).orElse(null));
    }
}

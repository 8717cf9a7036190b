package dev.dealroom.template;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Action;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.access.RoomMember;
import dev.dealroom.common.Idempotency;
import dev.dealroom.common.Ids;
import dev.dealroom.common.Inputs;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.RequestLanguage;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.event.Actor;
import dev.dealroom.group.DefaultGroup;
import dev.dealroom.group.GroupService;
import dev.dealroom.group.GroupView;
import dev.dealroom.room.RoomService;
import dev.dealroom.room.RoomView;
import dev.dealroom.signoff.SignoffService;
import dev.dealroom.signoff.SignoffStatus;
import dev.dealroom.task.DueKind;
import dev.dealroom.task.TaskService;
import dev.dealroom.task.TaskView;

/**
 * Room templates: a seller saves a room's groups, plan and welcome text, without people and with relative dates, and
 * opens new rooms from it ({@link #resolve}, {@link #plant}). A saved template is its author's (by verified email),
 * readable by everyone when shared; the built-in ones ({@link BuiltInTemplates}) are everyone's and read-only.
 * Anything a person may not see answers 404, as for a template that does not exist.
 */
@ApplicationScoped
public class TemplateService {

    /** The most templates one author keeps. */
    public static final int MAX_PER_AUTHOR = 100;
    /** The most characters of a template's content, as JSON. */
    public static final int MAX_CONTENT_CHARS = 1_000_000;

    private final RoomTemplateRepository templates;
    private final BuiltInTemplates builtIns;
    private final AccessPolicy access;
    private final RoomService rooms;
    private final GroupService groups;
    private final TaskService tasks;
    private final SignoffService signoffs;
    private final Idempotency idempotency;
    private final RequestLanguage language;
    private final ObjectMapper json;
    private final Clock clock;

    public TemplateService(RoomTemplateRepository templates, BuiltInTemplates builtIns, AccessPolicy access,
            RoomService rooms, GroupService groups, TaskService tasks, SignoffService signoffs,
            Idempotency idempotency, RequestLanguage language, ObjectMapper json, Clock clock) {
        this.templates = templates;
        this.builtIns = builtIns;
        this.access = access;
        this.rooms = rooms;
        this.groups = groups;
        this.tasks = tasks;
        this.signoffs = signoffs;
        this.idempotency = idempotency;
        this.language = language;
        this.json = json;
        this.clock = clock;
    }

    /** The built-in templates, then the caller's own, then those others share; without their content. */
    @Transactional
    public List<TemplateView> list(Caller caller) {
        List<TemplateView> list = new ArrayList<>();
        builtIns.all(language.get()).forEach(template -> list.add(template.view(false)));
        caller.memberEmail().ifPresent(email -> templates.visibleTo(email).stream()
                .sorted(Comparator.comparing((RoomTemplate template) -> !template.authorEmail.equals(email)))
                .forEach(template -> list.add(view(template, email, false))));
        return list;
    }

    /** One template with its content; 404 when the caller may not see it. */
    @Transactional
    public TemplateView get(Caller caller, String templateId) {
        Optional<UUID> id = Ids.parse(templateId);
        if (id.isEmpty()) {
            return builtIns.find(templateId, language.get()).map(template -> template.view(true))
                    .orElseThrow(ApiException::notFound);
        }
        String email = caller.memberEmail().orElseThrow(ApiException::notFound);
        return view(templates.visible(id.get(), email, false).orElseThrow(ApiException::notFound), email, true);
    }

    /**
     * Saves the room's shape as the caller's template: the groups the caller is in (and nothing of another), their
     * tasks and sign-offs, the welcome text; no people, and every date relative.
     */
    @Transactional
    public TemplateView save(Caller caller, String roomId, SaveTemplateRequest request, String idempotencyKey) {
        String email = caller.memberEmail().orElseThrow(() -> new ApiException(ProblemCode.EMAIL_NOT_VERIFIED,
                Text.of("detail.verify-email")));
        RoomAccess room = access.enterRoom(caller, roomId);
        return idempotency.once(caller, "template.save", room.roomId().toString(),
                Idempotency.key(request.clientId(), idempotencyKey), request, TemplateView.class, () -> {
                    access.require(room.me(), Action.TEMPLATE_SAVE); // a retry answers the original
                    String content = write(capture(caller, roomId));
                    if (templates.countLocked(email) >= MAX_PER_AUTHOR) {
                        throw new ApiException(ProblemCode.TEMPLATE_LIMIT,
                                Text.of("detail.template-limit", "max", MAX_PER_AUTHOR));
                    }
                    RoomTemplate template = new RoomTemplate();
                    template.id = Ids.newId();
                    template.authorEmail = email;
                    template.authorName = caller.name();
                    template.name = request.name().strip();
                    template.description = Inputs.blankToNull(request.description());
                    template.shared = Boolean.TRUE.equals(request.shared());
                    template.content = content;
                    template.createdAt = clock.instant();
                    template.updatedAt = template.createdAt;
                    templates.persist(template);
                    return view(template, email, true);
                });
    }

    /** Renames, describes, shares or unshares a template: its author only (403 for a template others share). */
    @Transactional
    public TemplateView update(Caller caller, String templateId, UpdateTemplateRequest request) {
        String email = caller.memberEmail().orElseThrow(ApiException::notFound);
        RoomTemplate template = authored(templateId, email);
        if (request.isEmpty()) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, Text.of("detail.template-change-empty"));
        }
        boolean changed = false;
        if (request.name() != null && !request.name().strip().equals(template.name)) {
            template.name = request.name().strip();
            changed = true;
        }
        if (request.description() != null
                && !java.util.Objects.equals(Inputs.blankToNull(request.description()), template.description)) {
            template.description = Inputs.blankToNull(request.description());
            changed = true;
        }
        if (request.shared() != null && request.shared() != template.shared) {
            template.shared = request.shared();
            changed = true;
        }
        if (changed) {
            template.updatedAt = clock.instant();
        }
        return view(template, email, true);
    }

    /** Deletes a template: its author only. Rooms opened from it keep what they got. */
    @Transactional
    public void delete(Caller caller, String templateId) {
        String email = caller.memberEmail().orElseThrow(ApiException::notFound);
        templates.delete(authored(templateId, email));
    }

    /**
     * What a room opened from the template gets, built-in ones in {@code in}; a template the caller may not see is an
     * unknown one (400, field templateId).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public TemplateContent resolve(Caller caller, String templateId, Language in) {
        Optional<UUID> id = Ids.parse(templateId);
        Optional<TemplateContent> content = id.isEmpty()
                ? builtIns.find(templateId, in).map(BuiltInTemplates.Localized::content)
                : caller.memberEmail().flatMap(email -> templates.visible(id.get(), email, false))
                        .map(template -> read(template.content));
        return content.orElseThrow(() -> ApiException.invalidField("templateId", "unknown-template",
                Text.of("field.unknown-template")));
    }

    /**
     * Gives a room being opened the template's groups and plan, its owner in each group; every task and group with
     * the event it has when made by hand. A sign-off to request becomes a plan item that asks for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void plant(RoomMember owner, TemplateContent content) {
        for (TemplateContent.Group group : content.groups()) {
            UUID groupId = group.key() != null ? groups.idOf(owner.roomId(), DefaultGroup.ofKey(group.key()))
                    : groups.createForOwner(owner, group.name(), group.kind());
            List<TemplateContent.Item> all = new ArrayList<>(group.tasks());
            all.addAll(group.signoffs());
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                index.put(all.get(i).ref(), i);
            }
            List<TaskService.Seed> seeds = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                TemplateContent.Item item = all.get(i);
                boolean signoff = i >= group.tasks().size();
                seeds.add(new TaskService.Seed(item.title(), item.description(), item.milestone() && !signoff, signoff,
                        item.dueKind(), item.dueDays(), item.after() == null ? null : index.get(item.after())));
            }
            if (!seeds.isEmpty()) {
                tasks.plant(owner.roomId(), groupId, owner.id(), Actor.of(owner), seeds);
            }
        }
    }

    /**
     * The room as the caller sees it, made a template: their groups only, through the same reads they may make, and
     * of those only what the seller's side wrote. A buyer's tasks, sign-off requests and groups stay in their room: a
     * template may be shared with every login of the installation, buyers of other deals included.
     */
    private TemplateContent capture(Caller caller, String roomId) {
        RoomView room = rooms.get(caller, roomId);
        RoomTemplateRepository.SellerWritten sellers = templates.sellerWritten(UUID.fromString(room.room().id()));
        LocalDate opened = LocalDate.ofInstant(room.room().createdAt(), clock.getZone());
        List<TemplateContent.Group> captured = new ArrayList<>();
        for (GroupView group : room.groups()) {
            if (group.key() == null && !sellers.groupIds().contains(group.id())) {
                continue; // a group a buyer made: its name and its plan are theirs
            }
            List<TaskView> plan = tasks.list(caller, roomId, group.id()).stream()
                    .filter(task -> sellers.memberIds().contains(task.createdBy())).toList();
            Map<String, String> refs = new HashMap<>();
            for (int i = 0; i < plan.size(); i++) {
                refs.put(plan.get(i).id(), "t" + (i + 1));
            }
            List<TemplateContent.Item> planItems = new ArrayList<>();
            List<TemplateContent.Item> toRequest = new ArrayList<>();
            for (TaskView task : plan) {
                TemplateContent.Item item = relative(task, refs, opened);
                (task.signoffToRequest() ? toRequest : planItems).add(item);
            }
            int n = 0;
            for (var signoff : signoffs.list(caller, roomId, group.id())) {
                if (signoff.status() != SignoffStatus.WITHDRAWN && sellers.memberIds().contains(signoff.authorId())) {
                    toRequest.add(new TemplateContent.Item("s" + ++n, signoff.title(), signoff.description(), false,
                            null, null, null));
                }
            }
            boolean preset = group.key() != null;
            captured.add(new TemplateContent.Group(group.key(), preset ? null : group.name(),
                    preset ? null : group.kind(), planItems, toRequest));
        }
        TemplateContent content = new TemplateContent(room.room().welcomeMessage(), captured);
        if (content.problem() != null) {
            // what a room holds is valid item by item: only its size can make it too large for a template
            throw new ApiException(ProblemCode.TEMPLATE_TOO_LARGE, Text.of("detail.template-too-large",
                    "groups", TemplateContent.MAX_GROUPS, "items", TemplateContent.MAX_ITEMS, "total",
                    TemplateContent.MAX_TOTAL_ITEMS));
        }
        return content;
    }

    /** A task's rule, counted from nothing but the room's dates and the group's other tasks. */
    private static TemplateContent.Item relative(TaskView task, Map<String, String> refs, LocalDate opened) {
        DueKind kind = task.dueKind();
        Integer days = task.dueDays();
        String after = null;
        if (kind == DueKind.AFTER_TASK) {
            after = refs.get(task.dueAfterTaskId());
        } else if (kind == DueKind.ABSOLUTE) {
            // a date of its own becomes as many days after the room's opening as it was in its room
            kind = task.dueDate() == null ? null : DueKind.AFTER_ROOM_OPENED;
            days = task.dueDate() == null ? null : (int) Math.max(0, Math.min(TemplateContent.MAX_DAYS,
                    ChronoUnit.DAYS.between(opened, task.dueDate())));
        }
        if (kind == DueKind.AFTER_TASK && after == null) {
            kind = null;
            days = null;
        }
        return new TemplateContent.Item(refs.get(task.id()), task.title(), task.description(), task.milestone(),
                kind, days, after);
    }

    /** A template the caller wrote, locked; 404 when they may not see it, 403 when they may only read it. */
    private RoomTemplate authored(String templateId, String email) {
        Optional<UUID> id = Ids.parse(templateId);
        if (id.isEmpty()) {
            if (builtIns.find(templateId, Language.FALLBACK).isPresent()) {
                throw new ApiException(ProblemCode.FORBIDDEN, Text.of("detail.template-built-in"));
            }
            throw ApiException.notFound();
        }
        RoomTemplate template = templates.visible(id.get(), email, true).orElseThrow(ApiException::notFound);
        if (!template.authorEmail.equals(email)) {
            throw new ApiException(ProblemCode.FORBIDDEN, Text.of("detail.template-author-only"));
        }
        return template;
    }

    private TemplateView view(RoomTemplate template, String email, boolean withContent) {
        boolean mine = template.authorEmail.equals(email);
        return new TemplateView(template.id.toString(), template.name, template.description, false, template.shared,
                mine, template.authorName, template.createdAt, template.updatedAt,
                withContent ? read(template.content) : null);
    }

    private String write(TemplateContent content) {
        try {
            String text = json.writeValueAsString(content);
            if (text.length() > MAX_CONTENT_CHARS) {
                throw new ApiException(ProblemCode.TEMPLATE_TOO_LARGE, Text.of("detail.template-too-large",
                        "groups", TemplateContent.MAX_GROUPS, "items", TemplateContent.MAX_ITEMS, "total",
                        TemplateContent.MAX_TOTAL_ITEMS));
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored content, checked on the way out as on the way in. */
    private TemplateContent read(String text) {
        try {
            TemplateContent content = json.readValue(text, TemplateContent.class);
            String problem = content.problem();
            if (problem != null) {
                throw new IllegalStateException("Stored template content is not valid: " + problem);
            }
            return content;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

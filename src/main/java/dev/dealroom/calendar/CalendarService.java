package dev.dealroom.calendar;

import java.security.SecureRandom;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.Emails;
import dev.dealroom.common.Hashes;
import dev.dealroom.common.SqlValues;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.LanguagePreferences;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.RequestLanguage;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.group.DefaultGroup;
import dev.dealroom.member.MemberService;
import dev.dealroom.task.TaskStatus;

/**
 * A person's secret calendar feed: one per verified email, across every room they are a member of, because that is
 * what people subscribe to once (a room opened later shows up by itself, a room they leave goes). The secret is the
 * only credential of the feed's address: 256 random bits, kept as a hash, found by its hash. The feed is read as its
 * person's login would read their rooms, at each fetch: the access policy admits them into each room and names their
 * groups now (invariant 1), so a group they leave or a room they are removed from leaves the feed at the next fetch.
 */
@ApplicationScoped
public class CalendarService {

    /** The most events a feed holds: the latest due dates win, the oldest past ones go first. */
    static final int MAX_EVENTS = 1000;

    /** A secret as {@link #create} writes it: 32 random bytes in unpadded base64url. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final AccessPolicy access;
    private final MemberService members;
    private final LanguagePreferences languages;
    private final RequestLanguage requestLanguage;
    private final Emails emails;
    private final Clock clock;

    public CalendarService(EntityManager em, AccessPolicy access, MemberService members,
            LanguagePreferences languages, RequestLanguage requestLanguage, Emails emails, Clock clock) {
        this.em = em;
        this.access = access;
        this.members = members;
        this.languages = languages;
        this.requestLanguage = requestLanguage;
        this.emails = emails;
        this.clock = clock;
    }

    /** Whether I have a feed, and since when (its address is not kept, so it is not told again). */
    @Transactional
    public CalendarFeedView status(Caller caller) {
        return caller.memberEmail().flatMap(this::createdAt)
                .map(createdAt -> new CalendarFeedView(true, createdAt, null))
                .orElse(new CalendarFeedView(false, null, null));
    }

    /**
     * Makes my feed, or a new address for it: the previous address answers 404 from now on. The feed's texts follow
     * the language I chose, else the language of this request.
     */
    @Transactional
    public CalendarFeedView create(Caller caller) {
        String email = caller.memberEmail().orElseThrow(() -> new ApiException(ProblemCode.EMAIL_NOT_VERIFIED,
                Text.of("detail.verify-email")));
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // one statement: two concurrent requests leave one feed, the last one's
        em.createNativeQuery("insert into calendar_feed (email, subject, secret_hash, language, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (email) do update set subject = excluded.subject,"
                + " secret_hash = excluded.secret_hash, language = excluded.language, created_at = excluded.created_at")
                .setParameter(1, email).setParameter(2, caller.subject()).setParameter(3, Hashes.sha256Hex(secret))
                .setParameter(4, requestLanguage.get().tag()).setParameter(5, now)
                .executeUpdate();
        return new CalendarFeedView(true, now, emails.link("api/calendar/" + secret + ".ics"));
    }

    /** Revokes my feed: its address answers 404, exactly as one that never existed. */
    @Transactional
    public void revoke(Caller caller) {
        caller.memberEmail().ifPresent(email -> em.createNativeQuery("delete from calendar_feed where email = ?1")
                .setParameter(1, email).executeUpdate());
    }

    /** The feed at this secret, as an iCalendar document; empty for an unknown or revoked secret. */
    @Transactional
    public Optional<String> feed(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select email, subject, language from calendar_feed"
                + " where secret_hash = ?1").setParameter(1, Hashes.sha256Hex(secret)).getResultList();
        return rows.stream().findFirst().map(row -> {
            String email = (String) row[0];
            Caller owner = new Caller((String) row[1], Optional.of(email), email);
            Language language = languages.of(email).or(() -> Language.of((String) row[2]))
                    .orElse(Language.FALLBACK);
            return write(events(owner), language);
        });
    }

    private Optional<Instant> createdAt(String email) {
        return em.createNativeQuery("select created_at from calendar_feed where email = ?1")
                .setParameter(1, email).getResultStream().findFirst().map(SqlValues::instant);
    }

    /** A dated task of one of my groups that the feed shows: a milestone, or one I owe. */
    private record Item(UUID taskId, String title, String description, LocalDate due, TaskStatus status,
            boolean milestone, Instant updatedAt, UUID roomId, String roomName, UUID groupId, String groupKey,
            String groupName) {
    }

    /** The milestones of my groups and my dated tasks there, in the rooms the access policy admits me into now. */
    private List<Item> events(Caller owner) {
        List<RoomAccess> rooms = members.roomIdsOf(owner.memberEmail().orElseThrow()).stream()
                .map(roomId -> admitted(owner, roomId)).flatMap(Optional::stream).toList();
        UUID[] groups = rooms.stream().flatMap(room -> room.groupIds().stream()).toArray(UUID[]::new);
        if (groups.length == 0) {
            return List.of();
        }
        UUID[] roomIds = rooms.stream().map(RoomAccess::roomId).toArray(UUID[]::new);
        UUID[] me = rooms.stream().map(room -> room.me().id()).toArray(UUID[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.id, t.title, t.description, t.due_date, t.status,"
                + " t.milestone, t.updated_at, r.id, r.name, g.id, g.key, g.name from task t"
                + " join room_group g on g.id = t.group_id join room r on r.id = t.room_id"
                + " where t.room_id = any(?1) and t.group_id = any(?2) and t.due_date is not null"
                + " and (t.milestone or t.owner_member_id = any(?3)) order by t.due_date desc, t.id")
                .setParameter(1, roomIds).setParameter(2, groups).setParameter(3, me)
                .setMaxResults(MAX_EVENTS).getResultList();
        return rows.stream().map(row -> new Item((UUID) row[0], (String) row[1], (String) row[2], date(row[3]),
                TaskStatus.valueOf((String) row[4]), (Boolean) row[5], SqlValues.instant(row[6]), (UUID) row[7],
                (String) row[8], (UUID) row[9], (String) row[10], (String) row[11])).toList();
    }

    private Optional<RoomAccess> admitted(Caller caller, UUID roomId) {
        try {
            return Optional.of(access.enterRoom(caller, roomId.toString()));
        } catch (ApiException removedMeanwhile) {
            return Optional.empty();
        }
    }

    /** The document: one all-day event per item, its UID the task's, so that applications update it in place. */
    private String write(List<Item> items, Language language) {
        Ics ics = new Ics().line("BEGIN", "VCALENDAR")
                .line("VERSION", "2.0")
                .line("PRODID", "-//Deal Room//Calendar feed//EN")
                .line("CALSCALE", "GREGORIAN")
                .line("METHOD", "PUBLISH")
                .text("X-WR-CALNAME", Messages.render(language, Text.of("calendar.name")))
                .text("NAME", Messages.render(language, Text.of("calendar.name")))
                // a hint to applications that honour it: due dates move during a deal
                .line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
                .line("X-PUBLISHED-TTL", "PT1H");
        // with METHOD:PUBLISH, DTSTAMP is when this copy was made; LAST-MODIFIED when the task last changed
        Instant now = clock.instant();
        for (Item item : items) {
            String group = DefaultGroup.displayName(item.groupKey(), item.groupName(), language);
            String link = emails.link("#/rooms/" + item.roomId() + "/groups/" + item.groupId() + "/plan");
            String summary = item.milestone()
                    ? Messages.render(language, Text.of("calendar.milestone", "title", item.title()))
                    : item.title();
            if (item.status() == TaskStatus.DONE) {
                summary = Messages.render(language, Text.of("calendar.done", "title", summary));
            }
            String place = Messages.render(language, Text.of("calendar.place", "group", group, "room",
                    item.roomName()));
            String description = (item.description() == null || item.description().isBlank() ? ""
                    : item.description().strip() + "\n\n") + place + "\n" + link;
            ics.line("BEGIN", "VEVENT")
                    .text("UID", item.taskId() + "@deal-room")
                    .instant("DTSTAMP", now)
                    .instant("LAST-MODIFIED", item.updatedAt())
                    .date("DTSTART", item.due())
                    .date("DTEND", item.due().plusDays(1))
                    .text("SUMMARY", summary)
                    .text("DESCRIPTION", description)
                    .line("URL", link)
                    // a due date is a deadline, not a meeting: it leaves the day free
                    .line("TRANSP", "TRANSPARENT")
                    .line("STATUS", "CONFIRMED")
                    .line("END", "VEVENT");
        }
        return ics.line("END", "VCALENDAR").toString();
    }

    private static LocalDate date(Object value) {
        return value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
    }
}

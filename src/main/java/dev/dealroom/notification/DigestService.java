package dev.dealroom.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.group.DefaultGroup;
import dev.dealroom.progress.Seen;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The daily digest: to each member who has not turned it off and has something unseen from the last day,
 * one email per room listing, per group, the updates they have not seen and how many of them are key updates they
 * owe ({@link Seen}). At most one per member and day, whichever node runs it and however often: a
 * {@code digest_sent} row is claimed in the transaction that queues the email. Written in the member's language if
 * they chose one, else in English.
 */
@ApplicationScoped
public class DigestService {

    /** One group's unseen share of a member's digest; {@code key} for a default group. */
    record Line(String key, String group, long unread, long keyUpdates) {
    }

    private final EntityManager em;
    private final Postman postman;
    private final Clock clock;

    DigestService(EntityManager em, Postman postman, Clock clock) {
        this.em = em;
        this.postman = postman;
        this.clock = clock;
    }

    /** At the configured hour of the server's zone; the day it counts against is that zone's date. */
    @Scheduled(cron = "{dealroom.notifications.digest-cron}", timeZone = "${dealroom.time-zone:UTC}",
            identity = "daily-digest", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        send(LocalDate.now(clock), clock.instant().minus(Duration.ofDays(1)));
    }

    /** Queues the digests of {@code day} about what happened after {@code since}; answers how many were queued. */
    public int send(LocalDate day, Instant since) {
        Map<NotificationService.Recipient, List<Line>> digests = QuarkusTransaction.requiringNew()
                .call(() -> unseen(since));
        int queued = 0;
        for (Map.Entry<NotificationService.Recipient, List<Line>> digest : digests.entrySet()) {
            NotificationService.Recipient to = digest.getKey();
            Language language = postman.languageOf(to);
            // the day's claim and the email commit together: a digest is queued once, and never claimed unsent
            boolean first = QuarkusTransaction.requiringNew().call(() -> {
                if (em.createNativeQuery("insert into digest_sent (member_id, day) values (?1, ?2)"
                        + " on conflict do nothing")
                        .setParameter(1, to.memberId()).setParameter(2, day).executeUpdate() == 0) {
                    return false;
                }
                postman.queue(to, language, Text.of("email.digest.subject", "room", to.roomName()),
                        text(to, language, digest.getValue()));
                return true;
            });
            if (first) {
                queued++;
            }
        }
        return queued;
    }

    private Map<NotificationService.Recipient, List<Line>> unseen(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select m.id, m.room_id, m.email, m.name, r.name, l.language, g.key, g.name, count(e.seq),
                       count(e.seq) filter (where %s)
                from member m
                join room r on r.id = m.room_id
                left join person_language l on l.email = m.email
                join group_member gm on gm.member_id = m.id
                join room_group g on g.id = gm.group_id
                left join read_marker rm on rm.member_id = m.id and rm.group_id = g.id
                left join notification_preference p on p.member_id = m.id
                join room_event e on e.room_id = m.room_id and e.group_id = g.id and not %s and e.at > ?1
                where coalesce(p.digest, true) and r.closed_at is null
                group by m.id, m.room_id, m.email, m.name, r.name, l.language, g.key, g.name
                order by m.id, g.name
                """.formatted(Seen.OWED, Seen.SEEN)).setParameter(1, since).getResultList();
        Map<NotificationService.Recipient, List<Line>> digests = new LinkedHashMap<>();
        for (Object[] row : rows) {
            NotificationService.Recipient to = new NotificationService.Recipient((UUID) row[0], (UUID) row[1],
                    (String) row[2], (String) row[3], (String) row[4], Language.of((String) row[5]).orElse(null));
            digests.computeIfAbsent(to, key -> new ArrayList<>())
                    .add(new Line((String) row[6], (String) row[7], ((Number) row[8]).longValue(),
                            ((Number) row[9]).longValue()));
        }
        return digests;
    }

    private Text text(NotificationService.Recipient to, Language language, List<Line> lines) {
        StringBuilder list = new StringBuilder();
        for (Line line : lines) {
            list.append(Messages.render(language, Text.of("email.digest.line",
                    "group", DefaultGroup.displayName(line.key(), line.group(), language), "count", line.unread())));
            if (line.keyUpdates() > 0) {
                list.append(Messages.render(language, Text.of("email.digest.important", "count", line.keyUpdates())));
            }
            list.append('\n');
        }
        return Text.of("email.digest.body", "name", to.name(), "room", to.roomName(), "lines", list.toString(),
                "link", postman.link("#/rooms/" + to.roomId()));
    }
}

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

import dev.dealroom.progress.Seen;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The daily digest: to each member who has not turned it off and has something unseen from the last day,
 * one email per room listing, per group, the updates they have not seen and how many of them are key updates they
 * owe ({@link Seen}). At most one per member and day, whichever node runs it and however often: a
 * {@code digest_sent} row is claimed first.
 */
@ApplicationScoped
public class DigestService {

    /** One group's unseen share of a member's digest. */
    record Line(String group, long unread, long keyUpdates) {
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

    /** Sends the digests of {@code day} about what happened after {@code since}; answers how many were sent. */
    public int send(LocalDate day, Instant since) {
        Map<NotificationService.Recipient, List<Line>> digests = QuarkusTransaction.requiringNew()
                .call(() -> unseen(since));
        int sent = 0;
        for (Map.Entry<NotificationService.Recipient, List<Line>> digest : digests.entrySet()) {
            NotificationService.Recipient to = digest.getKey();
            boolean first = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "insert into digest_sent (member_id, day) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, to.memberId()).setParameter(2, day).executeUpdate() == 1);
            if (first) {
                postman.send(to, "What you have not seen in " + to.roomName(), text(to, digest.getValue()));
                sent++;
            }
        }
        return sent;
    }

    private Map<NotificationService.Recipient, List<Line>> unseen(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select m.id, m.room_id, m.email, m.name, r.name, g.name, count(e.seq),
                       count(e.seq) filter (where %s)
                from member m
                join room r on r.id = m.room_id
                join group_member gm on gm.member_id = m.id
                join room_group g on g.id = gm.group_id
                left join read_marker rm on rm.member_id = m.id and rm.group_id = g.id
                left join notification_preference p on p.member_id = m.id
                join room_event e on e.room_id = m.room_id and e.group_id = g.id and not %s and e.at > ?1
                where coalesce(p.digest, true)
                group by m.id, m.room_id, m.email, m.name, r.name, g.name
                order by m.id, g.name
                """.formatted(Seen.OWED, Seen.SEEN)).setParameter(1, since).getResultList();
        Map<NotificationService.Recipient, List<Line>> digests = new LinkedHashMap<>();
        for (Object[] row : rows) {
            NotificationService.Recipient to = new NotificationService.Recipient((UUID) row[0], (UUID) row[1],
                    (String) row[2], (String) row[3], (String) row[4]);
            digests.computeIfAbsent(to, key -> new ArrayList<>())
                    .add(new Line((String) row[5], ((Number) row[6]).longValue(), ((Number) row[7]).longValue()));
        }
        return digests;
    }

    private String text(NotificationService.Recipient to, List<Line> lines) {
        StringBuilder text = new StringBuilder("Hello " + to.name() + ",\n\nIn \"" + to.roomName()
                + "\", since you last looked:\n\n");
        for (Line line : lines) {
            text.append("- ").append(line.group()).append(": ").append(line.unread())
                    .append(line.unread() == 1 ? " update" : " updates");
            if (line.keyUpdates() > 0) {
                text.append(", ").append(line.keyUpdates()).append(" of them important");
            }
            text.append('\n');
        }
        return text.append("\nCatch up: ").append(postman.link("#/rooms/" + to.roomId())).append('\n').toString();
    }
}

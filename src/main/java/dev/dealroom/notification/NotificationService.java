package dev.dealroom.notification;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.dealroom.access.AccessPolicy;
import dev.dealroom.access.Caller;
import dev.dealroom.access.RoomAccess;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.common.i18n.Text;
import dev.dealroom.group.DefaultGroup;

/** Each member's email settings per room, and who among some members wants a given kind of email. */
@ApplicationScoped
public class NotificationService {

    /** The kinds of email a member can turn off; each names its column. */
    enum Kind {
        MENTIONS("mentions"), NUDGES("nudges"), SIGNOFF_REQUESTS("signoff_requests"), DIGEST("digest"),
        ENGAGEMENT_ALERTS("engagement_alerts");

        final String column;

        Kind(String column) {
            this.column = column;
        }
    }

    /**
     * Someone to email, with what the email needs to say where it comes from.
     *
     * @param language the language to write in as far as the database knows: the one they chose, else (for an email
     *                 someone's action causes) the one that person chose; null if neither did
     */
    record Recipient(UUID memberId, UUID roomId, String email, String name, String roomName, Language language) {
    }

    /** A group as an email names it: a default group's name in its reader's language, the others as named. */
    record GroupLabel(String key, String name) {

        String in(Language language) {
            return name == null ? Messages.render(language, Text.of("email.a-group"))
                    : DefaultGroup.displayName(key, name, language);
        }
    }

    private final EntityManager em;
    private final AccessPolicy access;

    public NotificationService(EntityManager em, AccessPolicy access) {
        this.em = em;
        this.access = access;
    }

    @Transactional
    public NotificationSettings settings(Caller caller, String roomId) {
        RoomAccess room = access.enterRoom(caller, roomId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select mentions, nudges, signoff_requests, digest,"
                + " engagement_alerts from notification_preference where member_id = ?1")
                .setParameter(1, room.me().id()).getResultList();
        return rows.stream().findFirst()
                .map(row -> new NotificationSettings((Boolean) row[0], (Boolean) row[1], (Boolean) row[2],
                        (Boolean) row[3], (Boolean) row[4]))
                .orElse(NotificationSettings.ALL_ON);
    }

    @Transactional
    public NotificationSettings change(Caller caller, String roomId, NotificationSettings settings) {
        RoomAccess room = access.enterRoom(caller, roomId);
        // engagementAlerts came later: a client that does not send it leaves it as it was (on by default)
        em.createNativeQuery("insert into notification_preference (member_id, mentions, nudges, signoff_requests, digest,"
                + " engagement_alerts) values (?1, ?2, ?3, ?4, ?5, coalesce(?6, true)) on conflict (member_id) do update"
                + " set mentions = excluded.mentions, nudges = excluded.nudges,"
                + " signoff_requests = excluded.signoff_requests, digest = excluded.digest,"
                + " engagement_alerts = coalesce(?6, notification_preference.engagement_alerts)")
                .setParameter(1, room.me().id())
                .setParameter(2, settings.mentions())
                .setParameter(3, settings.nudges())
                .setParameter(4, settings.signoffRequests())
                .setParameter(5, settings.digest())
                .setParameter(6, settings.engagementAlerts())
                .executeUpdate();
        return settings(caller, roomId);
    }

    /**
     * Those of {@code memberIds} who are still in the room and have not turned {@code kind} off, about an action of
     * {@code actorId}; in the transaction of the change that emails them, so in one query: the languages come with
     * them, not from a transaction of their own while the change holds its locks.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Recipient> recipients(UUID roomId, List<UUID> memberIds, Kind kind, UUID actorId) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select m.id, m.email, m.name, r.name, coalesce(l.language,"
                + " (select al.language from member a join person_language al on al.email = a.email"
                + " where a.id = cast(?3 as uuid))) from member m"
                + " join room r on r.id = m.room_id left join notification_preference p on p.member_id = m.id"
                + " left join person_language l on l.email = m.email"
                + " where m.room_id = ?1 and m.id = any(?2) and coalesce(p." + kind.column + ", true)")
                .setParameter(1, roomId)
                .setParameter(2, memberIds.toArray(UUID[]::new))
                .setParameter(3, actorId == null ? null : actorId.toString())
                .getResultList();
        return rows.stream()
                .map(row -> new Recipient((UUID) row[0], roomId, (String) row[1], (String) row[2], (String) row[3],
                        Language.of((String) row[4]).orElse(null)))
                .toList();
    }

    /** The group as emails name it, in the transaction of the change that emails about it. */
    @Transactional(Transactional.TxType.MANDATORY)
    GroupLabel group(UUID groupId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select key, name from room_group where id = ?1")
                .setParameter(1, groupId).getResultList();
        return rows.stream().findFirst()
                .map(row -> new GroupLabel((String) row[0], (String) row[1]))
                .orElseGet(() -> new GroupLabel(null, null));
    }
}

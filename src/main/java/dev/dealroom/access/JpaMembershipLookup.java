package dev.dealroom.access;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.dealroom.common.Ids;
import dev.dealroom.common.SqlValues;

/** {@link MembershipLookup} over the membership tables, with one indexed query per question. */
@ApplicationScoped
public class JpaMembershipLookup implements MembershipLookup {

    private static final String MEMBER_COLUMNS = "select m.id, m.room_id, m.name, m.owner, m.decision_maker,"
            + " m.side = 'SELLER', r.closed_at from member m join room r on r.id = m.room_id ";

    /** A default group's key ({@code proof}, {@code success-metrics}); anything else names no group. */
    private static final Pattern GROUP_KEY = Pattern.compile("[a-z][a-z-]{0,63}");

    private final EntityManager em;

    public JpaMembershipLookup(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<RoomMember> memberByEmail(UUID roomId, String email) {
        return single(em.createNativeQuery(MEMBER_COLUMNS + "where m.room_id = ?1 and m.email = ?2")
                .setParameter(1, roomId).setParameter(2, email).getResultList());
    }

    @Override
    public Optional<RoomMember> memberById(UUID roomId, UUID memberId) {
        return single(em.createNativeQuery(MEMBER_COLUMNS + "where m.room_id = ?1 and m.id = ?2")
                .setParameter(1, roomId).setParameter(2, memberId).getResultList());
    }

    @Override
    public Set<UUID> groupIdsOf(UUID memberId) {
        List<?> rows = em.createNativeQuery("select group_id from group_member where member_id = ?1")
                .setParameter(1, memberId).getResultList();
        Set<UUID> ids = new HashSet<>();
        rows.forEach(row -> ids.add((UUID) row));
        return ids;
    }

    @Override
    public Optional<UUID> groupId(UUID roomId, String idOrKey) {
        Optional<UUID> id = Ids.parse(idOrKey);
        if (id.isEmpty() && (idOrKey == null || !GROUP_KEY.matcher(idOrKey).matches())) {
            return Optional.empty();
        }
        List<?> rows = id.isPresent()
                ? em.createNativeQuery("select id from room_group where room_id = ?1 and id = ?2")
                        .setParameter(1, roomId).setParameter(2, id.get()).getResultList()
                : em.createNativeQuery("select id from room_group where room_id = ?1 and key = ?2")
                        .setParameter(1, roomId).setParameter(2, idOrKey).getResultList();
        return rows.stream().map(UUID.class::cast).findFirst();
    }

    private static Optional<RoomMember> single(List<Object[]> rows) {
        return rows.stream().findFirst().map(row -> new RoomMember((UUID) row[0], (UUID) row[1], (String) row[2],
                (Boolean) row[3], (Boolean) row[4], (Boolean) row[5], SqlValues.instant(row[6])));
    }
}

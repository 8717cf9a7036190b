package dev.dealroom.member;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<Member, UUID> {

    public List<Member> listInRoom(UUID roomId) {
        return list("roomId", Sort.by("owner", Sort.Direction.Descending).and("name").and("email"), roomId);
    }

    public Optional<Member> findInRoom(UUID roomId, UUID memberId) {
        return find("roomId = ?1 and id = ?2", roomId, memberId).firstResultOptional();
    }

    /**
     * Adds the member unless the room has one with this email; false when it has. Of simultaneous adds of one
     * email, the first to commit wins and the others find it taken.
     */
    public boolean insertUnlessEmailTaken(Member member) {
        return getEntityManager().createNativeQuery("insert into member (id, room_id, email, name, side, title,"
                + " decision_maker, owner, added_at) values (?1, ?2, ?3, ?4, ?5, cast(?6 as varchar), ?7, ?8, ?9)"
                + " on conflict (room_id, email) do nothing")
                .setParameter(1, member.id).setParameter(2, member.roomId).setParameter(3, member.email)
                .setParameter(4, member.name).setParameter(5, member.side.name()).setParameter(6, member.title)
                .setParameter(7, member.decisionMaker).setParameter(8, member.owner).setParameter(9, member.addedAt)
                .executeUpdate() == 1;
    }

    /**
     * The rooms {@code email} is a member of and still reads: of a closed room, the buyer's side reads one closed
     * after {@code buyersReadClosedAfter}, the seller's side every one.
     */
    public List<UUID> roomIdsOf(String email, Instant buyersReadClosedAfter) {
        return getEntityManager().createQuery("select m.roomId from Member m, Room r where r.id = m.roomId"
                + " and m.email = ?1 and (r.closedAt is null or m.side = ?2 or r.closedAt > ?3)", UUID.class)
                .setParameter(1, email).setParameter(2, Side.SELLER).setParameter(3, buyersReadClosedAfter)
                .getResultList();
    }
}

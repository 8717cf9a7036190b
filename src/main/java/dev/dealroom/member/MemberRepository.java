package dev.dealroom.member;

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
     * Takes the room's row lock for a change of who is in it: the lock the event log takes to number the room's
     * events, taken earlier. Safe from deadlocks because the rest of an add only takes the key-share locks of its
     * foreign keys, which no other writer's locks block.
     */
    public void lockRoom(UUID roomId) {
        getEntityManager().createNativeQuery("select 1 from room where id = ?1 for no key update")
                .setParameter(1, roomId).getResultList();
    }

    /** Locks the member's row until the transaction ends; false when there is no such member (any more). */
    public boolean lockInRoom(UUID roomId, UUID memberId) {
        return !getEntityManager().createNativeQuery("select 1 from member where room_id = ?1 and id = ?2 for update")
                .setParameter(1, roomId).setParameter(2, memberId).getResultList().isEmpty();
    }

    public boolean emailTaken(UUID roomId, String email) {
        return count("roomId = ?1 and email = ?2", roomId, email) > 0;
    }

    public List<UUID> roomIdsOf(String email) {
        return find("select m.roomId from Member m where m.email = ?1", email).project(UUID.class).list();
    }
}

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

    public boolean emailTaken(UUID roomId, String email) {
        return count("roomId = ?1 and email = ?2", roomId, email) > 0;
    }

    public List<UUID> roomIdsOf(String email) {
        return find("select m.roomId from Member m where m.email = ?1", email).project(UUID.class).list();
    }
}

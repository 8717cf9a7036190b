package dev.dealroom.signoff;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SignoffRepository implements PanacheRepositoryBase<Signoff, UUID> {

    public List<Signoff> listInGroup(UUID roomId, UUID groupId) {
        return list("roomId = ?1 and groupId = ?2 order by createdAt desc", roomId, groupId);
    }

    public Optional<Signoff> findInGroup(UUID roomId, UUID groupId, UUID signoffId) {
        return find("roomId = ?1 and groupId = ?2 and id = ?3", roomId, groupId, signoffId).firstResultOptional();
    }

    /** The approvers of these sign-offs (already scoped to one visible group). */
    public List<SignoffApprover> approversOf(List<UUID> signoffIds) {
        if (signoffIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("from SignoffApprover a where a.signoffId in ?1 order by a.memberId",
                SignoffApprover.class).setParameter(1, signoffIds).getResultList();
    }
}

package dev.dealroom.signoff;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.GroupContentRepository;

@ApplicationScoped
public class SignoffRepository implements GroupContentRepository<Signoff> {

    public List<Signoff> listInGroup(UUID roomId, UUID groupId) {
        return list("roomId = ?1 and groupId = ?2 order by createdAt desc", roomId, groupId);
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

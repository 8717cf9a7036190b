package dev.dealroom.access;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The row locks that writes of several features take on a member's row, in one place so that their strengths and
 * their order stay consistent (invariant 6). Each holds until the transaction ends and answers false when the room
 * has no such member (any more).
 *
 * <p>
 * Order: a write takes the member rows it needs first, then the item it changes, and the room's row last (the event
 * log numbers the room's events there). A removal takes its member first and then that member's tasks and group
 * memberships, so nothing may take a member's row after an item another removal could be waiting for.
 */
@ApplicationScoped
public class MemberLocks {

    private final EntityManager em;

    public MemberLocks(EntityManager em) {
        this.em = em;
    }

    /**
     * Keeps the member in the room until the transaction ends (a key-share lock, the one a foreign key takes): a
     * removal waits for this write, or went first and this answers false. Taken before the write references the
     * member (a task's owner, a group membership, an invitation's sender).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean hold(UUID roomId, UUID memberId) {
        return lock(roomId, memberId, "for key share");
    }

    /**
     * Serialises changes about the member (nudges, new invitation links, buying roles) without blocking writes that
     * merely reference them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lockForChange(UUID roomId, UUID memberId) {
        return lock(roomId, memberId, "for no key update");
    }

    /** Locks the member for their removal: it waits for every write holding them, and copies of it take turns. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lockForRemoval(UUID roomId, UUID memberId) {
        return lock(roomId, memberId, "for update");
    }

    private boolean lock(UUID roomId, UUID memberId, String strength) {
        return !em.createNativeQuery("select 1 from member where room_id = ?1 and id = ?2 " + strength)
                .setParameter(1, roomId).setParameter(2, memberId).getResultList().isEmpty();
    }
}

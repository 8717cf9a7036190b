package dev.dealroom.document;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.dealroom.common.GroupContentRepository;
import dev.dealroom.common.Ids;

@ApplicationScoped
public class DocumentRepository implements GroupContentRepository<Document> {

    public List<Document> listInGroup(UUID roomId, UUID groupId) {
        return list("roomId = ?1 and groupId = ?2 order by name", roomId, groupId);
    }


    /**
     * The group's document of this name, created when the group has none, row-locked until the transaction ends:
     * uploads under one name at the same moment take turns and become its next versions one after the other.
     */
    public Document lockOrCreate(UUID roomId, UUID groupId, String name, UUID createdBy, Instant now) {
        getEntityManager().createNativeQuery("insert into document (id, room_id, group_id, name, created_by, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (group_id, name) do nothing")
                .setParameter(1, Ids.newId()).setParameter(2, roomId).setParameter(3, groupId).setParameter(4, name)
                .setParameter(5, createdBy).setParameter(6, now).executeUpdate();
        return find("roomId = ?1 and groupId = ?2 and name = ?3", roomId, groupId, name)
                .withLock(LockModeType.PESSIMISTIC_WRITE).singleResult();
    }

    /** The versions of these documents (already scoped to one visible group), newest first. */
    public List<DocumentVersion> versionsOf(Collection<UUID> documentIds) {
        if (documentIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("from DocumentVersion v where v.documentId in ?1"
                + " order by v.version desc", DocumentVersion.class).setParameter(1, documentIds).getResultList();
    }

    /** Per document and member: how often they viewed it, when last, and which version last. */
    @SuppressWarnings("unchecked")
    public List<Object[]> viewSummaries(Collection<UUID> documentIds) {
        if (documentIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("select document_id, member_id, count(*), max(viewed_at),"
                + " (array_agg(version order by viewed_at desc))[1] from document_view"
                + " where document_id = any(?1) group by document_id, member_id order by max(viewed_at) desc")
                .setParameter(1, documentIds.toArray(UUID[]::new)).getResultList();
    }

    public void recordView(UUID documentId, int version, UUID memberId) {
        getEntityManager().createNativeQuery("insert into document_view (document_id, version, member_id, viewed_at)"
                + " values (?1, ?2, ?3, now())").setParameter(1, documentId).setParameter(2, version)
                .setParameter(3, memberId).executeUpdate();
    }
}

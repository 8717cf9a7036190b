package dev.dealroom.common;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import dev.dealroom.access.GroupAccess;
import dev.dealroom.common.error.ApiException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Reads one item of a group's content, scoped by the room and the group the caller was admitted into. */
public interface GroupContentRepository<E extends GroupContent> extends PanacheRepositoryBase<E, UUID> {

    /** The item with this id in the caller's group, if there is one (an id of another group finds nothing). */
    default Optional<E> findIn(GroupAccess group, String id) {
        return Ids.parse(id).flatMap(uuid -> find("roomId = ?1 and groupId = ?2 and id = ?3", group.roomId(),
                group.groupId(), uuid).<E>firstResultOptional());
    }

    /** The item with this id in the caller's group, or 404. */
    default E requireIn(GroupAccess group, String id) {
        return findIn(group, id).orElseThrow(ApiException::notFound);
    }

    /**
     * The item to change, row-locked until the transaction ends, or 404 (invariant 6): a concurrent change of the
     * same item waits here, then reads what the first one committed, so every read-modify-write sees the latest
     * state. Lock before reading anything else of the item in the transaction.
     */
    default E lockIn(GroupAccess group, String id) {
        return Ids.parse(id).flatMap(uuid -> find("roomId = ?1 and groupId = ?2 and id = ?3", group.roomId(),
                group.groupId(), uuid).withLock(LockModeType.PESSIMISTIC_WRITE).<E>firstResultOptional())
                .orElseThrow(ApiException::notFound);
    }
}

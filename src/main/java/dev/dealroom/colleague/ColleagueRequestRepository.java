package dev.dealroom.colleague;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ColleagueRequestRepository implements PanacheRepositoryBase<ColleagueRequest, UUID> {

    /** The room's requests, newest first, at most {@code limit}. */
    public List<ColleagueRequest> listInRoom(UUID roomId, int limit) {
        return find("roomId", Sort.by("createdAt", Sort.Direction.Descending), roomId).page(0, limit).list();
    }

    /**
     * The request, row-locked until the transaction ends: a second decision or withdrawal of it waits here, then
     * reads what the first one committed.
     */
    public Optional<ColleagueRequest> lockInRoom(UUID roomId, UUID id) {
        return find("roomId = ?1 and id = ?2", roomId, id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /**
     * Records the request unless the room has a pending one for this email; false when it has. Of simultaneous
     * requests for one person, the first wins and the others find it pending.
     */
    public boolean insertUnlessPending(ColleagueRequest request) {
        return getEntityManager().createNativeQuery("insert into colleague_request (id, room_id, requester_id, email,"
                + " name, group_ids, status, created_at) values (?1, ?2, ?3, ?4, ?5, cast(?6 as uuid[]), ?7, ?8)"
                + " on conflict (room_id, email) where status = 'PENDING' do nothing")
                .setParameter(1, request.id).setParameter(2, request.roomId).setParameter(3, request.requesterId)
                .setParameter(4, request.email).setParameter(5, request.name).setParameter(6, "{" + String.join(",", Arrays.stream(request.groupIds).map(UUID::toString).toList()) + "}")
                .setParameter(7, request.status.name()).setParameter(8, request.createdAt)
                .executeUpdate() == 1;
    }
}

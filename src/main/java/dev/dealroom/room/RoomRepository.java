package dev.dealroom.room;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    /** The rooms with these ids, soonest decision first. */
    public List<Room> listByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return list("id in ?1", Sort.by("targetDecisionDate").and("name"), ids);
    }
}

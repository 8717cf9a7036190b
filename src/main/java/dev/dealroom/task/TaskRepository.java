package dev.dealroom.task;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.GroupContentRepository;

@ApplicationScoped
public class TaskRepository implements GroupContentRepository<Task> {

    public List<Task> listInGroup(UUID roomId, UUID groupId) {
        return list("roomId = ?1 and groupId = ?2 order by position, createdAt", roomId, groupId);
    }

    /** The tasks of the room in these (visible) groups, soonest due first, undated last. */
    public List<Task> plan(UUID roomId, Collection<UUID> visibleGroupIds) {
        if (visibleGroupIds.isEmpty()) {
            return List.of();
        }
        return list("roomId = ?1 and groupId in ?2 order by dueDate nulls last, milestone desc, position, createdAt",
                roomId, visibleGroupIds);
    }


    /**
     * The position after the group's last task. Takes the group's row lock first, so that tasks created at the
     * same moment get distinct positions.
     */
    public int nextPosition(UUID roomId, UUID groupId) {
        lockPlan(roomId, groupId);
        Integer last = find("select max(t.position) from Task t where t.roomId = ?1 and t.groupId = ?2", roomId,
                groupId).project(Integer.class).firstResult();
        return last == null ? 0 : last + 1;
    }

    /** Takes the group's row lock: creates and reorders of the group's plan take turns on it. */
    public void lockPlan(UUID roomId, UUID groupId) {
        getEntityManager().createNativeQuery("select 1 from room_group where room_id = ?1 and id = ?2 for no key update")
                .setParameter(1, roomId).setParameter(2, groupId).getResultList();
    }

    /** The group's tasks, each row locked (in id order, so two reorders cannot deadlock). */
    public List<Task> lockAllInGroup(UUID roomId, UUID groupId) {
        return find("roomId = ?1 and groupId = ?2 order by id", roomId, groupId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Whether other tasks follow this one, as last committed: read without loading the task, which the caller then
     * locks (an entity read before its lock would keep the state from before it).
     */
    public boolean followed(dev.dealroom.access.GroupAccess group, String taskId) {
        return dev.dealroom.common.Ids.parse(taskId).map(id -> find(
                "select t.dependents from Task t where t.roomId = ?1 and t.groupId = ?2 and t.id = ?3",
                group.roomId(), group.groupId(), id).project(Integer.class).firstResultOptional().orElse(0) > 0)
                .orElse(false);
    }
}

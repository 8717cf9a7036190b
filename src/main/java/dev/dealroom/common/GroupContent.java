package dev.dealroom.common;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** What a group holds (posts, tasks, sign-offs, documents): always read through its room and its group. */
@MappedSuperclass
public abstract class GroupContent {

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;
}

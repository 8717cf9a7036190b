package dev.dealroom.group;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.Visible;

/**
 * Adds a group to the room; its creator is always in it.
 *
 * @param kind      {@code WORKSTREAM} or {@code CUSTOM} (the default)
 * @param memberIds other room members to put in it
 * @param clientId  the client's id for this group: a retry with it returns the original
 */
public record CreateGroupRequest(
        @NotNull @Visible @SingleLine @Size(max = 100) String name,
        GroupKind kind,
        @Size(max = 200) List<@NotBlank @SingleLine @Size(max = 64) String> memberIds,
        @SingleLine String clientId) {
}

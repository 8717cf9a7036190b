package dev.dealroom.member;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.Visible;

/**
 * Adds a person to the room.
 *
 * @param email         the login they will use: their identity provider must have verified it
 * @param decisionMaker buyer side only; decision-makers are in {@code steering} and manage the room
 * @param groups        ids or default keys of the groups to put them in, among the caller's own groups;
 *                      {@code everyone} (and {@code steering} for a decision-maker) is implied
 * @param clientId      the client's id for this addition: a retry with it returns the original
 */
public record AddMemberRequest(
        @NotBlank @SingleLine @Email @Size(max = 254) String email,
        @NotNull @Visible @SingleLine @Size(max = 200) String name,
        @NotNull Side side,
        @SingleLine @Size(max = 200) String title,
        Boolean decisionMaker,
        @Size(max = 50) List<@NotBlank @SingleLine @Size(max = 64) String> groups,
        @SingleLine String clientId) {
}

package dev.dealroom.colleague;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.Visible;

/**
 * A buyer asks to bring a colleague into the room.
 *
 * @param email    the colleague's login, as for adding a member
 * @param groups   ids or default keys of groups to put them in, among the requester's own groups;
 *                 {@code everyone} is implied
 * @param clientId the client's id for this request: a retry with it returns the original
 */
public record CreateColleagueRequest(
        @NotBlank @SingleLine @Email @Size(max = 254) String email,
        @NotNull @Visible @SingleLine @Size(max = 200) String name,
        @Size(max = 50) List<@NotBlank @SingleLine @Size(max = 64) String> groups,
        @SingleLine @Size(max = 100) String clientId) {
}

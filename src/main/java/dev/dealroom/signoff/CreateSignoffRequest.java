package dev.dealroom.signoff;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.MultiLine;
import dev.dealroom.common.Visible;

/**
 * Asks named members of the group for a decision ("Proof of concept accepted").
 *
 * @param approverIds members of the group who must each approve
 * @param clientId    the client's id for this request: a retry with it returns the original
 */
public record CreateSignoffRequest(
        @NotNull @Visible @SingleLine @Size(max = 200) String title,
        @MultiLine @Size(max = 5000) String description,
        @NotEmpty @Size(max = 20) List<@NotBlank @SingleLine @Size(max = 64) String> approverIds,
        @SingleLine String clientId) {
}

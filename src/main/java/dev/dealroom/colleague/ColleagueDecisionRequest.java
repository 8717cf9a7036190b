package dev.dealroom.colleague;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.MultiLine;
import dev.dealroom.common.SingleLine;

/**
 * The owner's or a decision-maker's decision on a colleague request.
 *
 * @param groups approving only: the groups to put the colleague in instead of those asked for, among the decider's
 *               own groups ({@code everyone} is implied); absent, the groups asked for
 * @param reason declining only: why, shown to the requester
 */
public record ColleagueDecisionRequest(
        @NotNull ColleagueDecision decision,
        @Size(max = 50) List<@NotBlank @SingleLine @Size(max = 64) String> groups,
        @MultiLine @Size(max = 1000) String reason) {
}

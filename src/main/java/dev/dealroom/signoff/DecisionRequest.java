package dev.dealroom.signoff;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.MultiLine;

/** An approver's decision, with an optional comment. */
public record DecisionRequest(@NotNull Decision decision, @MultiLine @Size(max = 2000) String comment) {
}

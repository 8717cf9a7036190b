package dev.dealroom.committee;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A buyer-side member's place in the buying committee, as a whole: what is not named here is taken away.
 *
 * @param roles    names of {@link CommitteeRole}, each at most once; empty: no role
 * @param attitude a name of {@link Attitude}; null: not assessed
 */
public record SeatRequest(
        @NotNull @Size(max = 7) List<@NotNull @Size(max = 32) String> roles,
        @Size(max = 16) String attitude) {
}

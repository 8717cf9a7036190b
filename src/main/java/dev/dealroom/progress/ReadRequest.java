package dev.dealroom.progress;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** The newest seq the client has shown its user in the group. */
public record ReadRequest(@NotNull @PositiveOrZero Long seq) {
}

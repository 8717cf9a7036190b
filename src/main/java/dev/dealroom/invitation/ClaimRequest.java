package dev.dealroom.invitation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;

/** @param token the token from the invitation link */
public record ClaimRequest(@NotBlank @SingleLine @Size(max = 100) String token) {
}

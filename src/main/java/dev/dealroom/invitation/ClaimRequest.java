package dev.dealroom.invitation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param token the token from the invitation link */
public record ClaimRequest(@NotBlank @Size(max = 100) String token) {
}

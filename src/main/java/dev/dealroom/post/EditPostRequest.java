package dev.dealroom.post;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.dealroom.common.SingleLine;
import dev.dealroom.common.MultiLine;
import dev.dealroom.common.Visible;

/** Replaces a post's text and mentions; its author only. */
public record EditPostRequest(
        @NotNull @Visible @MultiLine @Size(max = 10_000) String body,
        @Size(max = 50) List<@NotBlank @SingleLine @Size(max = 64) String> mentions) {
}

package dev.dealroom.post;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Replaces a post's text and mentions; its author only. */
public record EditPostRequest(
        @NotBlank @Size(max = 10_000) String body,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> mentions) {
}

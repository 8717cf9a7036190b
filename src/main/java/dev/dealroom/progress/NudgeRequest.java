package dev.dealroom.progress;

import jakarta.validation.constraints.NotNull;

/** Nudges a member about one topic; at most once per member, topic and day. */
public record NudgeRequest(@NotNull NudgeTopic topic) {
}

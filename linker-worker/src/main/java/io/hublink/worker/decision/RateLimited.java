package io.hublink.worker.decision;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** 429: this token asked too often; {@code retryAt} is when ClickUp said to ask again, when it said so. */
public record RateLimited(Optional<Instant> retryAt) implements TeamAnswer, UserAnswer {
    public RateLimited {
        Objects.requireNonNull(retryAt, "retryAt");
    }
}

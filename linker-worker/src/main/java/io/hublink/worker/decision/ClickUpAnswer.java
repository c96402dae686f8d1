package io.hublink.worker.decision;

/**
 * What one ClickUp answer means, before any decision about the link. The answers that say nothing about the
 * credentials ({@link RateLimited}, {@link ProviderTrouble}) are shared by both calls.
 */
public sealed interface ClickUpAnswer permits TeamAnswer, UserAnswer {

    /**
     * True when the answer is DESIGN's "failure" row (5xx, unparseable body, unexpected status): the provider
     * misbehaved, and the circuit breaker records it as a failure. Every other answer proves ClickUp is up.
     */
    default boolean isProviderTrouble() {
        return this instanceof ProviderTrouble;
    }
}

package io.hublink.worker.clickup;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Objects;

/**
 * One state change of the ClickUp circuit breaker, with why it happened, as logged (once) and as the demo prints it:
 * {@code CLOSED -> OPEN: failure rate 100%, slow-call rate 0% over the last 20 calls; holding ClickUp calls for 10s}.
 */
public record BreakerStateChange(CircuitBreaker.State from, CircuitBreaker.State to, String reason) {

    public BreakerStateChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return from + " -> " + to + ": " + reason;
    }
}

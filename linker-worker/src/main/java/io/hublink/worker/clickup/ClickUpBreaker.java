package io.hublink.worker.clickup;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one circuit breaker that guards ClickUp, and reports each of its state changes once, with why: to the
 * log (WARN when it opens) and to {@code changes}.
 */
final class ClickUpBreaker {

    static final String NAME = "clickup";
    private static final Logger LOG = LoggerFactory.getLogger(ClickUpBreaker.class);

    private ClickUpBreaker() {
    }

    static CircuitBreaker create(BreakerSettings settings, Clock clock) {
        return create(settings, clock, change -> { });
    }

    static CircuitBreaker create(BreakerSettings settings, Clock clock, Consumer<BreakerStateChange> changes) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(settings.windowSize(), settings.minimumCalls(), SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.failureRatePercent())
                .slowCallDurationThreshold(settings.slowCall())
                .slowCallRateThreshold(settings.slowCallRatePercent())
                .waitDurationInOpenState(settings.waitInOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(settings.automaticHalfOpen())
                .maxWaitDurationInHalfOpenState(settings.maxWaitInHalfOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpen())
                // Only DESIGN's failure row counts; every answer about credentials (and 429) is a success.
                .recordException(ProviderFailures::isProviderFailure)
                .clock(clock)
                .build();
        CircuitBreaker breaker = CircuitBreaker.of(NAME, config);
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.StateTransition transition = event.getStateTransition();
            BreakerStateChange change = new BreakerStateChange(transition.getFromState(), transition.getToState(),
                    reason(breaker.getMetrics(), settings, transition));
            if (change.to() == CircuitBreaker.State.OPEN) {
                LOG.warn("ClickUp circuit breaker {}", change);
            } else {
                LOG.info("ClickUp circuit breaker {}", change);
            }
            changes.accept(change);
        });
        return breaker;
    }

    /** Why the breaker changed state, from the metrics it judged by (those of the state it left). */
    static String reason(CircuitBreaker.Metrics metrics, BreakerSettings settings,
                         CircuitBreaker.StateTransition transition) {
        String holding = "; holding ClickUp calls for " + human(settings.waitInOpen())
                + " (intake paused, the worker stays in its group)";
        switch (transition.getToState()) {
            case OPEN:
                if (transition.getFromState() == CircuitBreaker.State.HALF_OPEN
                        && metrics.getNumberOfBufferedCalls() < settings.permittedCallsInHalfOpen()) {
                    return "only " + metrics.getNumberOfBufferedCalls() + " of " + settings.permittedCallsInHalfOpen()
                            + " probes answered within " + human(settings.maxWaitInHalfOpen()) + holding;
                }
                return (transition.getFromState() == CircuitBreaker.State.HALF_OPEN ? "probes failed: " : "")
                        + "failure rate " + rate(metrics.getFailureRate()) + "%, slow-call rate "
                        + rate(metrics.getSlowCallRate()) + "% (slower than " + human(settings.slowCall())
                        + ") over the last " + metrics.getNumberOfBufferedCalls() + " calls" + holding;
            case HALF_OPEN:
                return "open for " + human(settings.waitInOpen()) + "; probing ClickUp with up to "
                        + settings.permittedCallsInHalfOpen() + " calls";
            case CLOSED:
                // The closed state starts with fresh metrics: there is nothing to quote.
                return transition.getFromState() == CircuitBreaker.State.HALF_OPEN
                        ? "the probes answered; ClickUp answers again, intake resumes"
                        : "reset; intake resumes";
            default:
                return "changed by an operator";
        }
    }

    /** Resilience4j reports -1 while fewer than the minimum calls were made. */
    private static String rate(float percent) {
        return percent < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", percent);
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}: the way the flags take durations. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0 && millis > 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}

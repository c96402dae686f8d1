package io.hublink.worker.clickup;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the one circuit breaker that guards ClickUp, and logs each of its state transitions once, with why. */
final class ClickUpBreaker {

    static final String NAME = "clickup";
    private static final Logger LOG = LoggerFactory.getLogger(ClickUpBreaker.class);

    private ClickUpBreaker() {
    }

    static CircuitBreaker create(BreakerSettings settings, Clock clock) {
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
        breaker.getEventPublisher().onStateTransition(event -> logTransition(breaker, settings, event.getStateTransition()));
        return breaker;
    }

    private static void logTransition(CircuitBreaker breaker, BreakerSettings settings,
                                      CircuitBreaker.StateTransition transition) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        switch (transition.getToState()) {
            case OPEN:
                LOG.warn("ClickUp circuit breaker {} -> OPEN: failure rate {}%, slow-call rate {}% over the last {} "
                                + "calls; holding ClickUp calls for {}",
                        transition.getFromState(), rate(metrics.getFailureRate()), rate(metrics.getSlowCallRate()),
                        metrics.getNumberOfBufferedCalls(), settings.waitInOpen());
                break;
            case HALF_OPEN:
                LOG.info("ClickUp circuit breaker {} -> HALF_OPEN: open time is over; probing ClickUp with {} calls",
                        transition.getFromState(), settings.permittedCallsInHalfOpen());
                break;
            case CLOSED:
                LOG.info("ClickUp circuit breaker {} -> CLOSED: ClickUp answers again", transition.getFromState());
                break;
            default:
                LOG.info("ClickUp circuit breaker {} -> {}", transition.getFromState(), transition.getToState());
        }
    }

    /** Resilience4j reports -1 while fewer than the minimum calls were made. */
    private static String rate(float percent) {
        return percent < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.0f", percent);
    }
}

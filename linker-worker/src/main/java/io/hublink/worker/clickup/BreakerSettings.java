package io.hublink.worker.clickup;

import java.time.Duration;

/**
 * The circuit breaker guarding ClickUp (DESIGN "Resilience"). Count-based: the last {@code windowSize} calls, judged
 * once at least {@code minimumCalls} were made.
 *
 * @param automaticHalfOpen move to half-open when {@code waitInOpen} has passed even if nobody asks, so the Kafka
 *                          loop's probe can resume paused partitions
 * @param maxWaitInHalfOpen half-open ends (back to open) if the permitted calls have not all come back by then, so a
 *                          lost probe cannot keep the breaker half-open forever
 */
public record BreakerSettings(int windowSize, int minimumCalls, float failureRatePercent, Duration slowCall,
                              float slowCallRatePercent, Duration waitInOpen, boolean automaticHalfOpen,
                              Duration maxWaitInHalfOpen, int permittedCallsInHalfOpen) {

    public BreakerSettings {
        requireAtLeastOne("windowSize", windowSize);
        requireAtLeastOne("minimumCalls", minimumCalls);
        if (minimumCalls > windowSize) {
            throw new IllegalArgumentException(
                    "minimumCalls must not exceed windowSize (" + windowSize + "), was " + minimumCalls);
        }
        requirePercent("failureRatePercent", failureRatePercent);
        requirePositive("slowCall", slowCall);
        requirePercent("slowCallRatePercent", slowCallRatePercent);
        requirePositive("waitInOpen", waitInOpen);
        requirePositive("maxWaitInHalfOpen", maxWaitInHalfOpen);
        requireAtLeastOne("permittedCallsInHalfOpen", permittedCallsInHalfOpen);
    }

    /** Window 20, at least 10 calls, 50 % failures or 50 % slower than 2 s; 10 s open; 3 probes, 30 s at most. */
    public static BreakerSettings ofDefaults() {
        return new BreakerSettings(20, 10, 50f, Duration.ofSeconds(2), 50f, Duration.ofSeconds(10), true,
                Duration.ofSeconds(30), 3);
    }

    public BreakerSettings withWindow(int size, int minimum) {
        return new BreakerSettings(size, minimum, failureRatePercent, slowCall, slowCallRatePercent, waitInOpen,
                automaticHalfOpen, maxWaitInHalfOpen, permittedCallsInHalfOpen);
    }

    public BreakerSettings withWaitInOpen(Duration wait) {
        return new BreakerSettings(windowSize, minimumCalls, failureRatePercent, slowCall, slowCallRatePercent, wait,
                automaticHalfOpen, maxWaitInHalfOpen, permittedCallsInHalfOpen);
    }

    public BreakerSettings withFailureRate(float percent) {
        return new BreakerSettings(windowSize, minimumCalls, percent, slowCall, slowCallRatePercent, waitInOpen,
                automaticHalfOpen, maxWaitInHalfOpen, permittedCallsInHalfOpen);
    }

    /** Calls slower than {@code threshold} are slow; the breaker opens when {@code ratePercent} of them are. */
    public BreakerSettings withSlowCalls(Duration threshold, float ratePercent) {
        return new BreakerSettings(windowSize, minimumCalls, failureRatePercent, threshold, ratePercent, waitInOpen,
                automaticHalfOpen, maxWaitInHalfOpen, permittedCallsInHalfOpen);
    }

    public BreakerSettings withMaxWaitInHalfOpen(Duration wait) {
        return new BreakerSettings(windowSize, minimumCalls, failureRatePercent, slowCall, slowCallRatePercent,
                waitInOpen, automaticHalfOpen, wait, permittedCallsInHalfOpen);
    }

    public BreakerSettings withPermittedCallsInHalfOpen(int permitted) {
        return new BreakerSettings(windowSize, minimumCalls, failureRatePercent, slowCall, slowCallRatePercent,
                waitInOpen, automaticHalfOpen, maxWaitInHalfOpen, permitted);
    }

    static void requireAtLeastOne(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, was " + value);
        }
    }

    static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, was " + value);
        }
    }

    private static void requirePercent(String field, float value) {
        if (!(value > 0f && value <= 100f)) {
            throw new IllegalArgumentException(field + " must be in (0, 100], was " + value);
        }
    }
}

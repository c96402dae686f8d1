package io.hublink.worker.clickup;

import java.time.Duration;

/**
 * The one retry layer: exponential backoff with jitter, always within the request's deadline. Attempt n waits
 * {@code min(maxInterval, initialInterval * multiplier^(n-1))}, scaled by a random factor in
 * {@code [1 - jitter, 1 + jitter]} so that requests that failed together do not come back together.
 *
 * @param maxAttempts calls that met provider trouble before giving up early; calls the breaker refused or a 429
 *                    held back do not count. The deadline is the real bound: the default is unlimited.
 */
public record RetrySettings(Duration initialInterval, double multiplier, Duration maxInterval, double jitter,
                            int maxAttempts) {

    public RetrySettings {
        BreakerSettings.requirePositive("initialInterval", initialInterval);
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        BreakerSettings.requirePositive("maxInterval", maxInterval);
        if (maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException(
                    "maxInterval must be at least initialInterval (" + initialInterval + "), was " + maxInterval);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        BreakerSettings.requireAtLeastOne("maxAttempts", maxAttempts);
    }

    public RetrySettings(Duration initialInterval, double multiplier, Duration maxInterval, double jitter) {
        this(initialInterval, multiplier, maxInterval, jitter, Integer.MAX_VALUE);
    }

    /** 200 ms, doubling, at most 10 s, jitter 0.5; bounded by the deadline only. */
    public static RetrySettings ofDefaults() {
        return new RetrySettings(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), 0.5);
    }

    public RetrySettings withJitter(double value) {
        return new RetrySettings(initialInterval, multiplier, maxInterval, value, maxAttempts);
    }

    public RetrySettings withMaxAttempts(int value) {
        return new RetrySettings(initialInterval, multiplier, maxInterval, jitter, value);
    }

    /** The wait before the next call after {@code attempt} calls met trouble; {@code random} is in [0, 1). */
    public Duration delayAfter(int attempt, double random) {
        double base = initialInterval.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxInterval.toNanos());
        double jittered = capped * (1.0 - jitter + 2.0 * jitter * random);
        return Duration.ofNanos(Math.max(1_000_000L, (long) Math.min(jittered, maxInterval.toNanos())));
    }
}

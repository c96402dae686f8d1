package io.hublink.publisher.webhooks;

import java.time.Duration;

/**
 * How webhooks are delivered; {@link #ofDefaults()} is what the publisher runs with, tests shorten the waits.
 *
 * @param requestTimeout      no answer within this is a failed attempt (DESIGN: 10 s)
 * @param firstRetry          the wait after the first failed attempt; it doubles per attempt up to {@code maxRetry},
 *                            and each wait is cut by a random part of up to half (jitter), so retries of many
 *                            deliveries do not arrive in step
 * @param maxAttempts         attempts of one delivery before it is parked (an endpoint that refuses just this one)
 * @param breakerWindow       attempts the per-endpoint breaker looks back on; it opens when at least half of them,
 *                            and at least {@code breakerMinimumCalls}, failed
 * @param breakerOpen         how long an open breaker holds that endpoint's deliveries before one probe attempt
 * @param disableAfterOpens   the breaker opening this many times in a row, with no delivery in between, disables
 *                            the endpoint: its deliveries are parked until a re-drive
 * @param maxInFlightPerEndpoint concurrent attempts per endpoint
 * @param maxQueuedPerEndpoint   deliveries one endpoint may hold; beyond that they are parked, so a dead endpoint
 *                               cannot fill memory or hold back the others
 * @param maxHeld             deliveries held in all before the consumer pauses
 * @param commitInterval      how often the delivered (or parked) prefix of each partition is committed
 */
public record WebhookSettings(Duration requestTimeout, Duration firstRetry, Duration maxRetry, int maxAttempts,
                              int breakerWindow, int breakerMinimumCalls, Duration breakerOpen, int disableAfterOpens,
                              int maxInFlightPerEndpoint, int maxQueuedPerEndpoint, int maxHeld,
                              Duration commitInterval) {

    public WebhookSettings {
        positive(requestTimeout, "request timeout");
        positive(firstRetry, "first retry");
        positive(maxRetry, "max retry");
        positive(breakerOpen, "breaker open time");
        positive(commitInterval, "commit interval");
        atLeastOne(maxAttempts, "max attempts");
        atLeastOne(breakerWindow, "breaker window");
        atLeastOne(breakerMinimumCalls, "breaker minimum calls");
        atLeastOne(disableAfterOpens, "disable after opens");
        atLeastOne(maxInFlightPerEndpoint, "max in flight per endpoint");
        atLeastOne(maxQueuedPerEndpoint, "max queued per endpoint");
        atLeastOne(maxHeld, "max held");
    }

    /** About 20 minutes of retries per delivery; an endpoint dead for about 5 minutes is disabled. */
    public static WebhookSettings ofDefaults() {
        return new WebhookSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5), 10,
                10, 5, Duration.ofSeconds(60), 5, 8, 1_000, 10_000, Duration.ofSeconds(1));
    }

    public WebhookSettings withRequestTimeout(Duration value) {
        return new WebhookSettings(value, firstRetry, maxRetry, maxAttempts, breakerWindow, breakerMinimumCalls,
                breakerOpen, disableAfterOpens, maxInFlightPerEndpoint, maxQueuedPerEndpoint, maxHeld, commitInterval);
    }

    public WebhookSettings withRetries(Duration first, Duration max, int attempts) {
        return new WebhookSettings(requestTimeout, first, max, attempts, breakerWindow, breakerMinimumCalls,
                breakerOpen, disableAfterOpens, maxInFlightPerEndpoint, maxQueuedPerEndpoint, maxHeld, commitInterval);
    }

    public WebhookSettings withBreaker(int window, int minimumCalls, Duration open, int opensBeforeDisable) {
        return new WebhookSettings(requestTimeout, firstRetry, maxRetry, maxAttempts, window, minimumCalls, open,
                opensBeforeDisable, maxInFlightPerEndpoint, maxQueuedPerEndpoint, maxHeld, commitInterval);
    }

    /** The wait after {@code attempts} failed attempts, {@code random} in [0, 1). */
    Duration retryAfter(int attempts, double random) {
        double base = firstRetry.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(base, maxRetry.toMillis());
        return Duration.ofMillis((long) (capped * (1 - 0.5 * random)));
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("webhooks " + name + ": must be positive, was " + value);
        }
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("webhooks " + name + ": must be at least 1, was " + value);
        }
    }
}

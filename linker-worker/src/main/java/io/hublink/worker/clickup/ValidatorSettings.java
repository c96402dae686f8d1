package io.hublink.worker.clickup;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link ClickUpCredentialValidator} can be tuned by, in one value.
 *
 * @param perTokenPerMinute calls one token may make in any minute; ClickUp allows 100 on Free Forever, Unlimited and
 *                          Business, 1,000 on Business Plus and 10,000 on Enterprise, shared by every caller of it
 * @param breakerRecheck    how often a call held back by an open breaker looks again
 * @param maxTrackedTokens  tokens the pacer remembers at most; idle ones (no call in the last minute) go first
 */
public record ValidatorSettings(BreakerSettings breaker, RetrySettings retry, int perTokenPerMinute,
                                Duration breakerRecheck, int maxTrackedTokens) {

    public ValidatorSettings {
        Objects.requireNonNull(breaker, "breaker must be set");
        Objects.requireNonNull(retry, "retry must be set");
        BreakerSettings.requireAtLeastOne("perTokenPerMinute", perTokenPerMinute);
        BreakerSettings.requirePositive("breakerRecheck", breakerRecheck);
        BreakerSettings.requireAtLeastOne("maxTrackedTokens", maxTrackedTokens);
    }

    public static ValidatorSettings ofDefaults() {
        return new ValidatorSettings(BreakerSettings.ofDefaults(), RetrySettings.ofDefaults(), 100,
                Duration.ofMillis(500), 100_000);
    }

    public ValidatorSettings withBreaker(BreakerSettings value) {
        return new ValidatorSettings(value, retry, perTokenPerMinute, breakerRecheck, maxTrackedTokens);
    }

    public ValidatorSettings withRetry(RetrySettings value) {
        return new ValidatorSettings(breaker, value, perTokenPerMinute, breakerRecheck, maxTrackedTokens);
    }

    public ValidatorSettings withPerTokenPerMinute(int value) {
        return new ValidatorSettings(breaker, retry, value, breakerRecheck, maxTrackedTokens);
    }

    public ValidatorSettings withMaxTrackedTokens(int value) {
        return new ValidatorSettings(breaker, retry, perTokenPerMinute, breakerRecheck, value);
    }
}

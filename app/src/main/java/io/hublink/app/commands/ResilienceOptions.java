package io.hublink.app.commands;

import io.hublink.app.ConfigurationException;
import io.hublink.worker.clickup.BreakerSettings;
import io.hublink.worker.clickup.ClickUpTimeouts;
import io.hublink.worker.clickup.RetrySettings;
import io.hublink.worker.clickup.ValidatorSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The worker's knobs for ClickUp trouble (DESIGN "Resilience"), each a flag with an environment equivalent, with
 * DESIGN's defaults. Values are read as text and checked here, once, so that a bad one stops start-up with one line
 * naming the flag: {@code error: breaker-open: not a duration: 10x, e.g. 500ms, 10s or 2m (flag --breaker-open or
 * HUBLINK_BREAKER_OPEN)}.
 */
public final class ResilienceOptions {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Option(names = "--breaker-window", paramLabel = "N", defaultValue = "${env:HUBLINK_BREAKER_WINDOW:-20}",
            description = "Circuit breaker: judge the last N ClickUp calls (default: ${DEFAULT-VALUE}). "
                    + "Env: HUBLINK_BREAKER_WINDOW.")
    String window;

    @Option(names = "--breaker-min-calls", paramLabel = "N", defaultValue = "${env:HUBLINK_BREAKER_MIN_CALLS:-10}",
            description = "Circuit breaker: judge only once N calls were made (default: ${DEFAULT-VALUE}). "
                    + "Env: HUBLINK_BREAKER_MIN_CALLS.")
    String minCalls;

    @Option(names = "--breaker-failure-rate", paramLabel = "PERCENT",
            defaultValue = "${env:HUBLINK_BREAKER_FAILURE_RATE:-50}",
            description = "Circuit breaker: open when this share of the calls met trouble (default: ${DEFAULT-VALUE}). "
                    + "Env: HUBLINK_BREAKER_FAILURE_RATE.")
    String failureRate;

    @Option(names = "--breaker-slow-call", paramLabel = "DURATION", defaultValue = "${env:HUBLINK_BREAKER_SLOW_CALL:-2s}",
            description = "Circuit breaker: a call slower than this is slow (default: ${DEFAULT-VALUE}). "
                    + "Env: HUBLINK_BREAKER_SLOW_CALL.")
    String slowCall;

    @Option(names = "--breaker-slow-call-rate", paramLabel = "PERCENT",
            defaultValue = "${env:HUBLINK_BREAKER_SLOW_CALL_RATE:-50}",
            description = "Circuit breaker: open when this share of the calls was slow (default: ${DEFAULT-VALUE}). "
                    + "Env: HUBLINK_BREAKER_SLOW_CALL_RATE.")
    String slowCallRate;

    @Option(names = "--breaker-open", paramLabel = "DURATION", defaultValue = "${env:HUBLINK_BREAKER_OPEN:-10s}",
            description = "Circuit breaker: stay open (intake paused) this long before probing (default: "
                    + "${DEFAULT-VALUE}). Env: HUBLINK_BREAKER_OPEN.")
    String open;

    @Option(names = "--breaker-half-open-max", paramLabel = "DURATION",
            defaultValue = "${env:HUBLINK_BREAKER_HALF_OPEN_MAX:-30s}",
            description = "Circuit breaker: open again if the probes have not all answered by then (default: "
                    + "${DEFAULT-VALUE}). Env: HUBLINK_BREAKER_HALF_OPEN_MAX.")
    String halfOpenMax;

    @Option(names = "--retry-initial", paramLabel = "DURATION", defaultValue = "${env:HUBLINK_RETRY_INITIAL:-200ms}",
            description = "First wait before asking ClickUp again after trouble; doubles each time, with jitter "
                    + "(default: ${DEFAULT-VALUE}). Env: HUBLINK_RETRY_INITIAL.")
    String retryInitial;

    @Option(names = "--retry-max", paramLabel = "DURATION", defaultValue = "${env:HUBLINK_RETRY_MAX:-10s}",
            description = "Longest wait between two tries (default: ${DEFAULT-VALUE}). Env: HUBLINK_RETRY_MAX.")
    String retryMax;

    @Option(names = "--clickup-call-timeout", paramLabel = "DURATION",
            defaultValue = "${env:HUBLINK_CLICKUP_CALL_TIMEOUT:-15s}",
            description = "A whole ClickUp call, lease, connect and answer included, is cut after this (default: "
                    + "${DEFAULT-VALUE}). Env: HUBLINK_CLICKUP_CALL_TIMEOUT.")
    String callTimeout;

    @Option(names = "--token-calls-per-minute", paramLabel = "N",
            defaultValue = "${env:HUBLINK_TOKEN_CALLS_PER_MINUTE:-100}",
            description = "Calls one token may make per minute, as ClickUp's plan allows: 100, 1000 on Business Plus, "
                    + "10000 on Enterprise (default: ${DEFAULT-VALUE}). Env: HUBLINK_TOKEN_CALLS_PER_MINUTE.")
    String tokenCallsPerMinute;

    @Option(names = "--default-deadline", paramLabel = "DURATION",
            defaultValue = "${env:HUBLINK_DEFAULT_DEADLINE:-15m}",
            description = "Deadline of a request that names none, after it was requested (default: "
                    + "${DEFAULT-VALUE}). Env: HUBLINK_DEFAULT_DEADLINE.")
    String defaultDeadline;

    /** The validator's settings: breaker, retries and pacing. */
    public ValidatorSettings validator() {
        int windowSize = atLeastOne("breaker-window", "HUBLINK_BREAKER_WINDOW", window);
        int minimum = atLeastOne("breaker-min-calls", "HUBLINK_BREAKER_MIN_CALLS", minCalls);
        if (minimum > windowSize) {
            throw bad("breaker-min-calls", "HUBLINK_BREAKER_MIN_CALLS",
                    "must not exceed breaker-window (" + windowSize + "), was " + minimum);
        }
        BreakerSettings defaults = BreakerSettings.ofDefaults();
        BreakerSettings breaker = new BreakerSettings(windowSize, minimum,
                percent("breaker-failure-rate", "HUBLINK_BREAKER_FAILURE_RATE", failureRate),
                duration("breaker-slow-call", "HUBLINK_BREAKER_SLOW_CALL", slowCall),
                percent("breaker-slow-call-rate", "HUBLINK_BREAKER_SLOW_CALL_RATE", slowCallRate),
                duration("breaker-open", "HUBLINK_BREAKER_OPEN", open), defaults.automaticHalfOpen(),
                duration("breaker-half-open-max", "HUBLINK_BREAKER_HALF_OPEN_MAX", halfOpenMax),
                defaults.permittedCallsInHalfOpen());
        Duration initial = duration("retry-initial", "HUBLINK_RETRY_INITIAL", retryInitial);
        Duration max = duration("retry-max", "HUBLINK_RETRY_MAX", retryMax);
        if (max.compareTo(initial) < 0) {
            throw bad("retry-max", "HUBLINK_RETRY_MAX", "must be at least retry-initial (" + retryInitial.strip()
                    + "), was " + retryMax.strip());
        }
        RetrySettings retryDefaults = RetrySettings.ofDefaults();
        RetrySettings retry = new RetrySettings(initial, retryDefaults.multiplier(), max, retryDefaults.jitter());
        return ValidatorSettings.ofDefaults().withBreaker(breaker).withRetry(retry).withPerTokenPerMinute(
                atLeastOne("token-calls-per-minute", "HUBLINK_TOKEN_CALLS_PER_MINUTE", tokenCallsPerMinute));
    }

    public ClickUpTimeouts timeouts() {
        return ClickUpTimeouts.ofDefaults()
                .withCall(duration("clickup-call-timeout", "HUBLINK_CLICKUP_CALL_TIMEOUT", callTimeout));
    }

    public Duration defaultDeadline() {
        return duration("default-deadline", "HUBLINK_DEFAULT_DEADLINE", defaultDeadline);
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT10S}); positive. */
    static Duration parseDuration(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(value);
        Duration parsed;
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    parsed = Duration.ofMillis(amount);
                    break;
                case "s":
                    parsed = Duration.ofSeconds(amount);
                    break;
                case "m":
                    parsed = Duration.ofMinutes(amount);
                    break;
                default:
                    parsed = Duration.ofHours(amount);
            }
        } else {
            try {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text + ", e.g. 500ms, 10s or 2m");
            }
        }
        if (parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("must be positive, was " + text);
        }
        return parsed;
    }

    private static Duration duration(String flag, String env, String text) {
        try {
            return parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw bad(flag, env, e.getMessage());
        }
    }

    private static int atLeastOne(String flag, String env, String text) {
        String value = text == null ? "" : text.strip();
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(flag, env, "not a whole number: " + text);
        }
        if (parsed < 1) {
            throw bad(flag, env, "must be at least 1, was " + parsed);
        }
        return parsed;
    }

    private static float percent(String flag, String env, String text) {
        String value = text == null ? "" : text.strip();
        if (value.endsWith("%")) {
            value = value.substring(0, value.length() - 1).strip();
        }
        float parsed;
        try {
            parsed = Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw bad(flag, env, "not a percentage: " + text);
        }
        if (!(parsed > 0f && parsed <= 100f)) {
            throw bad(flag, env, "must be more than 0 and at most 100, was " + text.strip());
        }
        return parsed;
    }

    private static ConfigurationException bad(String flag, String env, String problem) {
        return new ConfigurationException(flag + ": " + problem + " (flag --" + flag + " or " + env + ")");
    }
}

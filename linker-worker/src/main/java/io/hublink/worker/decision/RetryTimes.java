package io.hublink.worker.decision;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * When a 429 says to ask again: {@code X-RateLimit-Reset} (Unix seconds, ClickUp's documented header), else
 * {@code Retry-After} (seconds or an HTTP date; 0 means now). Never earlier than now and never more than
 * {@link #CAP} ahead, so a wrong clock or a garbled header cannot park a token for hours.
 */
public final class RetryTimes {

    public static final Duration CAP = Duration.ofMinutes(5);

    private RetryTimes() {
    }

    public static Optional<Instant> retryAt(HeaderLookup headers, Instant now) {
        Optional<Instant> at = headers.get("X-RateLimit-Reset").flatMap(RetryTimes::unixSeconds);
        if (at.isEmpty()) {
            at = headers.get("Retry-After").flatMap(value -> retryAfter(value, now));
        }
        return at.map(t -> clamp(t, now));
    }

    private static Instant clamp(Instant at, Instant now) {
        Instant latest = now.plus(CAP);
        if (at.isBefore(now)) {
            return now;
        }
        return at.isAfter(latest) ? latest : at;
    }

    private static Optional<Instant> unixSeconds(String value) {
        Optional<Long> seconds = nonNegativeLong(value);
        return seconds.map(Instant::ofEpochSecond);
    }

    private static Optional<Instant> retryAfter(String value, Instant now) {
        Optional<Long> seconds = nonNegativeLong(value);
        if (seconds.isPresent()) {
            // Seconds beyond the cap are clamped anyway; min() keeps plus() from overflowing.
            return Optional.of(now.plusSeconds(Math.min(seconds.get(), CAP.toSeconds() + 1)));
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> nonNegativeLong(String value) {
        String text = value.strip();
        if (!WorkspaceInput.isAsciiDigits(text) || text.length() > 18) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}

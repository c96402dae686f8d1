package io.hublink.testkit.clickup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ClickUp's per-token limit: fixed one-minute windows, the first starting at the token's first call (so windows are
 * first call + k minutes). Time comes from the simulator's clock, so tests move it instead of waiting. Thread-safe.
 */
final class RateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    /**
     * @param allowed whether the call is within the limit
     * @param remaining calls left in this window after this one
     * @param resetEpochSeconds the window's end, Unix seconds (rounded up, so waiting until then is enough)
     */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {
    }

    private record Window(Instant firstCall, Instant start, int used) {
    }

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limitPerMinute, Clock clock) {
        this.limit = limitPerMinute;
        this.clock = clock;
    }

    Decision acquire(String token) {
        Instant now = clock.instant();
        Window window = windows.compute(token, (t, current) -> next(current, now));
        Instant end = window.start().plus(WINDOW);
        long reset = Math.floorDiv(end.toEpochMilli() + 999, 1000);
        return new Decision(window.used() <= limit, limit, Math.max(0, limit - window.used()), reset);
    }

    private Window next(Window current, Instant now) {
        if (current == null) {
            return new Window(now, now, 1);
        }
        if (now.isBefore(current.start().plus(WINDOW))) {
            // Capped so a token hammering a closed window cannot overflow the count.
            return new Window(current.firstCall(), current.start(), Math.min(current.used() + 1, limit + 1));
        }
        long windowsSinceFirst = Duration.between(current.firstCall(), now).toMillis() / WINDOW.toMillis();
        return new Window(current.firstCall(), current.firstCall().plus(WINDOW.multipliedBy(windowsSinceFirst)), 1);
    }
}

package io.hublink.worker.clickup;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** What every validation shares: the transport, the breaker, the pacer, the settings and time. */
final class ValidatorCore {

    final ClickUpTransport transport;
    final CircuitBreaker breaker;
    final TokenPacer pacer;
    final ValidatorSettings settings;
    final Scheduling scheduling;
    /** Told of each breaker state change, on the thread that made it; they must not block. */
    final List<Consumer<BreakerStateChange>> breakerWatchers = new CopyOnWriteArrayList<>();

    ValidatorCore(ClickUpTransport transport, ValidatorSettings settings, Scheduling scheduling) {
        this.transport = transport;
        this.settings = settings;
        this.scheduling = scheduling;
        this.breaker = ClickUpBreaker.create(settings.breaker(), scheduling.clock(),
                change -> breakerWatchers.forEach(watcher -> watcher.accept(change)));
        this.pacer = new TokenPacer(settings.perTokenPerMinute(), settings.maxTrackedTokens());
    }

    Instant now() {
        return scheduling.clock().instant();
    }

    /** Runs {@code step} at {@code at} (at once, on the executor, if that has passed). */
    ScheduledFuture<?> runAt(Instant at, Runnable step) {
        long delayNanos = Math.max(0, Duration.between(now(), at).toNanos());
        return scheduling.executor().schedule(step, delayNanos, TimeUnit.NANOSECONDS);
    }

    Duration backoffAfter(int attempts) {
        return settings.retry().delayAfter(attempts, scheduling.random().getAsDouble());
    }
}

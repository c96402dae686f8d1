package io.hublink.worker.metrics;

import io.hublink.schemas.SecretToken;
import io.hublink.worker.clickup.ClickUpResponse;
import io.hublink.worker.clickup.ClickUpTransport;
import io.hublink.worker.clickup.ClickUpTransportException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Times every ClickUp call into {@code hublink_clickup_call_seconds}, a histogram by endpoint and result. The path
 * is reduced to its last segment ({@code team}, {@code user}); nothing of the request or answer is kept.
 */
final class TimedClickUpTransport implements ClickUpTransport {

    /** Bucket bounds around what matters: ClickUp's usual answers, the 2 s slow-call line, the timeouts. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final ClickUpTransport transport;
    private final MeterRegistry registry;

    TimedClickUpTransport(ClickUpTransport transport, MeterRegistry registry) {
        this.transport = transport;
        this.registry = registry;
    }

    @Override
    public CompletableFuture<ClickUpResponse> get(String path, Optional<SecretToken> token) {
        long started = System.nanoTime();
        return transport.get(path, token).whenComplete((response, failure) ->
                timer(endpoint(path), result(response, failure)).record(Duration.ofNanos(System.nanoTime() - started)));
    }

    private Timer timer(String endpoint, String result) {
        return Timer.builder("hublink.clickup.call")
                .description("ClickUp call latency, by endpoint and result")
                .tag("endpoint", endpoint).tag("result", result)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    static String endpoint(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return last.equals("team") || last.equals("user") ? last : "other";
    }

    static String result(ClickUpResponse response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return cause instanceof ClickUpTransportException
                    ? ((ClickUpTransportException) cause).kind().name().toLowerCase(Locale.ROOT) : "io";
        }
        int status = response.status();
        return status == 429 ? "429" : (status / 100) + "xx";
    }
}

package io.hublink.worker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hublink.pipeline.IntakeGate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The worker's intake gate (DESIGN "Resilience": open breaker = pause). Intake is open only while the ClickUp
 * breaker is CLOSED: while it is OPEN, and while it is HALF_OPEN until the probes have closed it, every assigned
 * partition stays paused and a partition assigned meanwhile starts paused; the consumer keeps polling, so the worker
 * stays in its group however long ClickUp is down.
 *
 * <p>On HALF_OPEN the gate probes ClickUp ({@code probe}: the validator's unauthenticated {@code GET /team}), again
 * and again, until the breaker leaves HALF_OPEN: at once after an answer, after {@code retryEvery} when the probe
 * failed or found every half-open permission taken (the requests the worker holds probe too, with their own calls).
 * Enough answers close the breaker and intake resumes; a failure opens it again. Half-open cannot get stuck: a probe
 * that never answers is cut by the transport's call timeout and counts as a failure, and the breaker leaves HALF_OPEN
 * after its bounded wait anyway; every HALF_OPEN starts a fresh round of probes.
 */
public final class BreakerGate implements IntakeGate {

    private final CircuitBreaker breaker;
    private final Supplier<CompletableFuture<Boolean>> probe;
    private final ScheduledExecutorService executor;
    private final Duration retryEvery;
    /** Bumped by every state change: a round of probes runs only while the HALF_OPEN that started it lasts. */
    private final AtomicLong episode = new AtomicLong();

    private BreakerGate(CircuitBreaker breaker, Supplier<CompletableFuture<Boolean>> probe,
                        ScheduledExecutorService executor, Duration retryEvery) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.retryEvery = Objects.requireNonNull(retryEvery, "retryEvery");
    }

    /**
     * A gate that follows {@code breaker} from now on.
     *
     * @param probe      asks ClickUp once, through the breaker; true when ClickUp answered (see
     *                   {@link io.hublink.worker.clickup.ClickUpCredentialValidator#probe()})
     * @param executor   runs the probes; owned by the caller
     * @param retryEvery the pause before probing again after a failed or refused probe
     */
    public static BreakerGate following(CircuitBreaker breaker, Supplier<CompletableFuture<Boolean>> probe,
                                        ScheduledExecutorService executor, Duration retryEvery) {
        BreakerGate gate = new BreakerGate(breaker, probe, executor, retryEvery);
        breaker.getEventPublisher().onStateTransition(event -> gate.changedTo(event.getStateTransition().getToState()));
        if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
            gate.changedTo(CircuitBreaker.State.HALF_OPEN);
        }
        return gate;
    }

    @Override
    public boolean isOpen() {
        switch (breaker.getState()) {
            case OPEN:
            case HALF_OPEN:
            case FORCED_OPEN:
                return false;
            default:
                return true;
        }
    }

    @Override
    public String whyClosed() {
        return "ClickUp circuit breaker " + breaker.getState();
    }

    private void changedTo(CircuitBreaker.State state) {
        long current = episode.incrementAndGet();
        if (state == CircuitBreaker.State.HALF_OPEN) {
            probeAfter(current, Duration.ZERO);
        }
    }

    private void probeAfter(long round, Duration delay) {
        if (round != episode.get()) {
            return;
        }
        try {
            executor.schedule(() -> probeOnce(round), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // the worker is closing: nothing left to resume
        }
    }

    private void probeOnce(long round) {
        if (round != episode.get() || breaker.getState() != CircuitBreaker.State.HALF_OPEN) {
            return;
        }
        CompletableFuture<Boolean> answer;
        try {
            answer = probe.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(false);
        }
        answer.whenComplete((up, failure) ->
                probeAfter(round, Boolean.TRUE.equals(up) ? Duration.ZERO : retryEvery));
    }
}

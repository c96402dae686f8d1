package io.hublink.worker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.hublink.testkit.clickup.ClickUpSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A worker's breaker state changes as it reports them, each with the breaker's metrics and the number of calls
 * presenting a token that the ClickUp simulator had received by then. Thread-safe.
 */
final class BreakerRecorder {

    record Change(State from, State to, String reason, float failureRate, float slowCallRate, long tokenCalls) {
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();

    static BreakerRecorder watching(LinkerWorker worker, ClickUpSimulator clickUp) {
        BreakerRecorder recorder = new BreakerRecorder();
        CircuitBreaker breaker = worker.circuitBreaker();
        worker.onBreakerStateChange(change -> recorder.changes.add(new Change(change.from(), change.to(),
                change.reason(), breaker.getMetrics().getFailureRate(), breaker.getMetrics().getSlowCallRate(),
                clickUp.totalCalls() - clickUp.unauthenticatedCalls())));
        return recorder;
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    boolean saw(State from, State to) {
        return changes.stream().anyMatch(c -> c.from() == from && c.to() == to);
    }

    long count(State from, State to) {
        return changes.stream().filter(c -> c.from() == from && c.to() == to).count();
    }

    /**
     * Calls with a token ClickUp received during each finished OPEN period that followed a failed half-open. (Those
     * are the clean ones to count: when a half-open round fails, no call of it is still in flight; an OPEN straight
     * from CLOSED may still see calls that were sent just before it.)
     */
    List<Long> tokenCallsWhileOpenAfterFailedProbes() {
        List<Change> all = changes();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i++) {
            Change opened = all.get(i);
            if (opened.from() == State.HALF_OPEN && opened.to() == State.OPEN) {
                counts.add(all.get(i + 1).tokenCalls() - opened.tokenCalls());
            }
        }
        return counts;
    }
}

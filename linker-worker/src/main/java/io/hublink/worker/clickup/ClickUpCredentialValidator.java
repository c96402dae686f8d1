package io.hublink.worker.clickup;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hublink.worker.decision.ClickUpAnswers;
import io.hublink.worker.decision.ProviderTrouble;
import io.hublink.worker.decision.TeamAnswer;
import io.hublink.worker.decision.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The validation policy of DESIGN "Verdicts" and "Resilience": {@code /team} and {@code /user} concurrently, one
 * circuit breaker over ClickUp that records only provider trouble, one retry layer (exponential backoff with jitter
 * within the deadline), 429s waited out per token, and each token paced under its per-minute limit. Nothing blocks:
 * every wait is a task on the {@link Scheduling#executor()}.
 */
public final class ClickUpCredentialValidator implements CredentialValidator {

    private final ValidatorCore core;

    public ClickUpCredentialValidator(ClickUpTransport transport, ValidatorSettings settings, Scheduling scheduling) {
        this.core = new ValidatorCore(transport, settings, scheduling);
    }

    @Override
    public CompletableFuture<Verdict> validate(ValidationRequest request) {
        return new Validation(core, request).start();
    }

    /** The breaker guarding ClickUp; the Kafka loop pauses its partitions unless it is CLOSED. */
    public CircuitBreaker circuitBreaker() {
        return core.breaker;
    }

    /**
     * Tells {@code watcher} of every later breaker state change, with the reason that is also logged. Called on the
     * thread that made the change (an HTTP or timer thread): it must be quick and must not block.
     */
    public void onBreakerStateChange(Consumer<BreakerStateChange> watcher) {
        core.breakerWatchers.add(watcher);
    }

    /**
     * Asks ClickUp, without a token, whether it is up: an unauthenticated {@code GET /team}, which ClickUp answers
     * with 400 OAUTH_017 (any answer about credentials, or a 429, proves it is up). Spends no user's rate limit. The
     * answer counts for the breaker like any call; completes with false, without calling, when the breaker permits
     * no call now.
     */
    public CompletableFuture<Boolean> probe() {
        if (!core.breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(false);
        }
        Instant startedAt = core.now();
        CompletableFuture<ClickUpResponse> call;
        try {
            call = core.transport.get(Validation.TEAM, Optional.empty());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((response, failure) -> {
            long tookNanos = Math.max(0, Duration.between(startedAt, core.now()).toNanos());
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                if (ProviderFailures.isProviderFailure(cause)) {
                    core.breaker.onError(tookNanos, TimeUnit.NANOSECONDS, cause);
                } else {
                    core.breaker.releasePermission();
                }
                return false;
            }
            TeamAnswer answer = ClickUpAnswers.team(response.status(), response.body(), response.headerLookup(),
                    core.now());
            if (answer.isProviderTrouble()) {
                core.breaker.onError(tookNanos, TimeUnit.NANOSECONDS,
                        new ProviderTroubleException(((ProviderTrouble) answer).safeDescription()));
                return false;
            }
            core.breaker.onSuccess(tookNanos, TimeUnit.NANOSECONDS);
            return true;
        });
    }

    /** Tokens the pacer currently remembers (for metrics and tests). */
    public int pacedTokens() {
        return core.pacer.trackedTokens();
    }
}

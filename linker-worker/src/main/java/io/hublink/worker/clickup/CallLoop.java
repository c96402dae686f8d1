package io.hublink.worker.clickup;

import io.hublink.events.FailureReason;
import io.hublink.schemas.SecretToken;
import io.hublink.worker.decision.ClickUpAnswer;
import io.hublink.worker.decision.HeaderLookup;
import io.hublink.worker.decision.ProviderTrouble;
import io.hublink.worker.decision.RateLimited;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one endpoint for one validation until ClickUp says something about the credentials or the deadline passes.
 * Each step waits, in this order, for: a 429 hold on the token, the token's pacing slot, the breaker's permission;
 * then it calls. Waiting is scheduled, never slept. Only calls that met provider trouble count as attempts: a call
 * the open breaker held back, or a 429, uses none. Steps run one at a time (each is started by the end of the one
 * before), so the step state needs no lock; only cancellation and the deadline cut race with them.
 *
 * <p>Deadline: once this loop has met trouble (a failed call, a 429, the breaker holding it back), it fails at the
 * deadline: no call starts there, and a retry still waiting for ClickUp then is cut (and its connection freed). A
 * first call still in flight at the deadline is left to answer, since a verdict beats a timeout; the transport's
 * whole-call timeout bounds it.
 */
final class CallLoop<A extends ClickUpAnswer> {

    /** Parses one answer of this endpoint. */
    interface Parser<A extends ClickUpAnswer> {
        A parse(int status, byte[] body, HeaderLookup headers, Instant now);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CallLoop.class);

    private final ValidatorCore core;
    private final String path;
    private final Parser<A> parser;
    private final SecretToken token;
    private final TokenKey key;
    private final Instant deadline;
    /** Fetched after its deadline: one try; a verdict wins, any trouble ends it at once. */
    private final boolean oneTry;
    private final CompletableFuture<CallEnd<A>> end = new CompletableFuture<>();

    private int troubleAttempts;
    /** 429s in a row: the first may say "now"; from the second on the backoff is the floor, so none hammers. */
    private int rateLimitedInARow;
    /** Trouble was met: from now on the deadline ends this loop (see the class comment). */
    private boolean troubleMet;
    private FailureReason lastTrouble = FailureReason.PROVIDER_UNAVAILABLE;
    private boolean slotReserved;

    // Guarded by this: a cancel must not let the token be wiped while a step is about to send it.
    private boolean cancelled;
    private boolean inFlight;
    private ScheduledFuture<?> pending;
    /** The call in flight, and the task that cuts it at the deadline (retries only). */
    private CompletableFuture<ClickUpResponse> call;
    private ScheduledFuture<?> deadlineCut;
    private boolean cutAtDeadline;

    CallLoop(ValidatorCore core, String path, Parser<A> parser, CallTarget target) {
        this.core = core;
        this.path = path;
        this.parser = parser;
        this.token = target.token();
        this.key = target.key();
        this.deadline = target.deadline();
        this.oneTry = target.oneTry();
    }

    CompletableFuture<CallEnd<A>> start() {
        step();
        return end;
    }

    /** Stops asking; the end completes once no call is in flight (so the token may then be wiped). */
    void cancel() {
        synchronized (this) {
            cancelled = true;
            if (inFlight) {
                return; // answered() finishes it
            }
            if (pending != null) {
                pending.cancel(false);
            }
        }
        end.complete(new CallEnd.Stopped<>());
    }

    private void step() {
        try {
            takeStep();
        } catch (RuntimeException e) {
            LOG.error("ClickUp call loop for {} failed: {}", path, e.getClass().getName());
            end.complete(new CallEnd.Broken<>());
        }
    }

    private void takeStep() {
        Instant now = core.now();
        if (troubleMet && !oneTry && !now.isBefore(deadline)) {
            giveUp(lastTrouble); // a wait that ended at the deadline: no call starts there
            return;
        }
        Optional<Instant> held = core.pacer.heldAfter(key, now);
        if (held.isPresent()) {
            troubleMet = true; // another validation of this token met a 429
            if (oneTry || !held.get().isBefore(deadline)) {
                giveUp(FailureReason.PROVIDER_RATE_LIMITED);
            } else {
                later(held.get());
            }
            return;
        }
        if (!slotReserved) {
            Optional<Instant> slot = core.pacer.reserve(key, now, oneTry ? now : deadline);
            if (slot.isEmpty()) {
                giveUp(FailureReason.PROVIDER_RATE_LIMITED); // the token is over its own per-minute limit
                return;
            }
            slotReserved = true;
            if (slot.get().isAfter(now)) {
                later(slot.get());
                return;
            }
        }
        if (!core.breaker.tryAcquirePermission()) {
            // Held back by the open breaker: not an attempt. Look again soon, but give up at the deadline.
            lastTrouble = FailureReason.PROVIDER_UNAVAILABLE;
            troubleMet = true;
            if (oneTry || !now.isBefore(deadline)) {
                giveUp(lastTrouble);
            } else {
                later(earliest(now.plus(core.settings.breakerRecheck()), deadline));
            }
            return;
        }
        send(now);
    }

    private void send(Instant startedAt) {
        synchronized (this) {
            if (cancelled) {
                core.breaker.releasePermission();
                end.complete(new CallEnd.Stopped<>());
                return;
            }
            inFlight = true;
        }
        slotReserved = false;
        CompletableFuture<ClickUpResponse> sent;
        try {
            sent = core.transport.get(path, Optional.of(token));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        if (troubleMet && !oneTry && !sent.isDone()) {
            synchronized (this) {
                call = sent;
                deadlineCut = core.runAt(deadline, this::cutAtDeadline);
            }
        }
        sent.whenComplete((response, failure) -> answered(startedAt, response, failure));
    }

    /** The deadline passed while a retry waits for ClickUp: cancel it (the transport then frees its connection). */
    private void cutAtDeadline() {
        CompletableFuture<ClickUpResponse> waiting;
        synchronized (this) {
            if (!inFlight || call == null) {
                return;
            }
            cutAtDeadline = true;
            waiting = call;
        }
        waiting.cancel(false);
    }

    private void answered(Instant startedAt, ClickUpResponse response, Throwable failure) {
        boolean stop;
        boolean cut;
        synchronized (this) {
            inFlight = false;
            stop = cancelled;
            cut = cutAtDeadline && failure instanceof CancellationException;
            cutAtDeadline = false;
            call = null;
            if (deadlineCut != null) {
                deadlineCut.cancel(false);
                deadlineCut = null;
            }
        }
        try {
            Instant now = core.now();
            long tookNanos = Math.max(0, Duration.between(startedAt, now).toNanos());
            if (cut) {
                // Our deadline, not ClickUp's answer: neither a success nor a failure for the breaker.
                core.breaker.releasePermission();
                end.complete(stop ? new CallEnd.Stopped<>() : new CallEnd.GaveUp<>(lastTrouble));
                return;
            }
            if (failure != null) {
                failed(now, tookNanos, failure, stop);
                return;
            }
            A answer = parser.parse(response.status(), response.body(), response.headerLookup(), now);
            if (answer.isProviderTrouble()) {
                core.breaker.onError(tookNanos, TimeUnit.NANOSECONDS,
                        new ProviderTroubleException(((ProviderTrouble) answer)
                                .safeDescription()));
                trouble(now, stop);
                return;
            }
            core.breaker.onSuccess(tookNanos, TimeUnit.NANOSECONDS); // ClickUp answered: it is up
            if (stop) {
                end.complete(new CallEnd.Stopped<>());
            } else if (answer instanceof RateLimited) {
                rateLimited(now, (RateLimited) answer);
            } else {
                rateLimitedInARow = 0;
                end.complete(new CallEnd.Answered<>(answer));
            }
        } catch (RuntimeException e) {
            LOG.error("handling a ClickUp answer for {} failed: {}", path, e.getClass().getName());
            end.complete(new CallEnd.Broken<>());
        }
    }

    private void failed(Instant now, long tookNanos, Throwable failure, boolean stop) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (ProviderFailures.isProviderFailure(cause)) {
            core.breaker.onError(tookNanos, TimeUnit.NANOSECONDS, cause);
            trouble(now, stop);
            return;
        }
        core.breaker.releasePermission(); // not ClickUp's doing: neither a success nor a failure
        if (stop || cause instanceof CancellationException) {
            end.complete(new CallEnd.Stopped<>());
        } else {
            LOG.error("ClickUp call to {} failed unexpectedly: {}", path, cause.getClass().getName());
            end.complete(new CallEnd.Broken<>());
        }
    }

    private void trouble(Instant now, boolean stop) {
        troubleAttempts++;
        troubleMet = true;
        rateLimitedInARow = 0;
        lastTrouble = FailureReason.PROVIDER_UNAVAILABLE;
        if (stop) {
            end.complete(new CallEnd.Stopped<>());
        } else if (oneTry || !now.isBefore(deadline)
                || troubleAttempts >= core.settings.retry().maxAttempts()) {
            giveUp(lastTrouble);
        } else {
            later(earliest(now.plus(core.backoffAfter(troubleAttempts)), deadline));
        }
    }

    /**
     * The token's next call (in any validation) waits until ClickUp's retry time; then this one asks again. A 429
     * that names no time waits the backoff; one that keeps saying "now" (or a time already past, as a skewed clock
     * makes it) waits at least the backoff from the second in a row on.
     */
    private void rateLimited(Instant now, RateLimited answer) {
        lastTrouble = FailureReason.PROVIDER_RATE_LIMITED;
        troubleMet = true;
        rateLimitedInARow++;
        Instant retryAt = answer.retryAt().orElseGet(() -> now.plus(core.backoffAfter(rateLimitedInARow)));
        if (rateLimitedInARow > 1) {
            Instant floor = now.plus(core.backoffAfter(rateLimitedInARow - 1));
            retryAt = retryAt.isBefore(floor) ? floor : retryAt;
        }
        core.pacer.holdUntil(key, retryAt);
        if (oneTry || !retryAt.isBefore(deadline)) {
            giveUp(lastTrouble);
        } else {
            later(retryAt);
        }
    }

    private void giveUp(FailureReason reason) {
        end.complete(new CallEnd.GaveUp<>(reason));
    }

    private void later(Instant at) {
        synchronized (this) {
            if (cancelled) {
                end.complete(new CallEnd.Stopped<>());
                return;
            }
            pending = core.runAt(at, this::step);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

package io.hublink.publisher.webhooks;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one endpoint's deliveries: a few attempts at a time, retries after an exponential backoff with jitter, and
 * a circuit breaker of its own, so a dead or slow endpoint only ever holds up its own deliveries. While its breaker is
 * open nothing is sent to it (those waits use up no attempts); a breaker that opens again and again with no delivery
 * in between disables the endpoint, with one log line, and its deliveries are parked until a re-drive re-enables it.
 *
 * <p>Everything runs under this object's lock; the breaker's transition events arrive on the same threads, inside it.
 */
final class EndpointDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EndpointDispatcher.class);

    private final WebhookEndpoint endpoint;
    private final WebhookSettings settings;
    private final WebhookSender sender;
    private final WebhookParking parking;
    private final ScheduledExecutorService scheduler;
    private final WebhookObserver observer;
    private final DoubleSupplier random;
    private final CircuitBreaker breaker;
    private final String parkedTopic;

    private final ArrayDeque<Delivery> ready = new ArrayDeque<>();
    private final Set<Delivery> waiting = new HashSet<>();
    private int inFlight;
    private int opensInARow;
    private boolean disabled;
    private boolean recheckScheduled;
    private boolean backlogReported;
    private boolean resetting;
    private String lastFailure = "none";

    EndpointDispatcher(WebhookEndpoint endpoint, DispatchContext context) {
        this.endpoint = endpoint;
        this.settings = context.settings();
        this.sender = context.sender();
        this.parking = context.parking();
        this.scheduler = context.scheduler();
        this.observer = context.observer();
        this.random = context.random();
        this.parkedTopic = context.parkedTopic();
        this.breaker = CircuitBreaker.of("webhook-" + endpoint.tenantId(), CircuitBreakerConfig.custom()
                .slidingWindow(settings.breakerWindow(), settings.breakerMinimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> true)
                .build());
        this.breaker.getEventPublisher().onStateTransition(event -> transitioned(event.getStateTransition()));
    }

    /** What every dispatcher of one delivery service shares. */
    record DispatchContext(WebhookSettings settings, WebhookSender sender, WebhookParking parking,
                           ScheduledExecutorService scheduler, WebhookObserver observer, DoubleSupplier random,
                           String parkedTopic) {
    }

    /** Takes a delivery; a re-driven one re-enables a disabled endpoint first. */
    synchronized void submit(Delivery delivery, boolean redriven) {
        if (redriven && disabled) {
            enable();
        }
        if (disabled) {
            park(delivery, "endpoint-disabled");
            return;
        }
        if (held() >= settings.maxQueuedPerEndpoint()) {
            if (!backlogReported) {
                backlogReported = true;
                log.warn("webhook endpoint of tenant {} ({}) holds {} deliveries; parking the overflow on {}",
                        endpoint.tenantId(), endpoint.origin(), held(), parkedTopic);
            }
            park(delivery, "backlog");
            return;
        }
        ready.add(delivery);
        pump();
    }

    /** A re-drive happened: a disabled endpoint gets another chance. */
    synchronized void reenable() {
        if (disabled) {
            enable();
        }
    }

    synchronized boolean disabled() {
        return disabled;
    }

    synchronized CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** Deliveries this endpoint holds: queued, waiting for a retry, or in flight. */
    synchronized int held() {
        return ready.size() + waiting.size() + inFlight;
    }

    private void pump() {
        while (!disabled && inFlight < settings.maxInFlightPerEndpoint() && !ready.isEmpty()) {
            Delivery next = ready.peek();
            if (next.cancelled) {
                ready.poll();
                continue;
            }
            if (!breaker.tryAcquirePermission()) {
                recheckLater(); // open, or half-open with its probe out: nothing goes to this endpoint now
                return;
            }
            ready.poll();
            inFlight++;
            next.attempts++;
            long started = System.nanoTime();
            sender.send(endpoint, next).whenComplete((attempt, error) ->
                    answered(next, attempt == null ? Attempt.io() : attempt, System.nanoTime() - started));
        }
        if (held() < settings.maxQueuedPerEndpoint() / 2) {
            backlogReported = false;
        }
    }

    private synchronized void answered(Delivery delivery, Attempt attempt, long tookNanos) {
        inFlight--;
        delivery.lastResult = attempt.describe();
        observer.attempted(endpoint.tenantId(), attempt.result(), Duration.ofNanos(tookNanos));
        if (attempt.delivered()) {
            breaker.onSuccess(tookNanos, TimeUnit.NANOSECONDS);
            opensInARow = 0;
            delivery.settled.complete(null);
            observer.delivered(endpoint.tenantId());
        } else {
            lastFailure = attempt.describe();
            breaker.onError(tookNanos, TimeUnit.NANOSECONDS, new WebhookAttemptFailed(attempt.describe()));
            if (delivery.cancelled) {
                log.debug("dropping {}: its partition moved to another instance", delivery);
            } else if (disabled) {
                park(delivery, "endpoint-disabled");
            } else if (delivery.attempts >= settings.maxAttempts()) {
                log.warn("webhook delivery {} to tenant {} ({}) failed {} times (last: {}); parked on {}",
                        delivery.deliveryId, endpoint.tenantId(), endpoint.origin(), delivery.attempts,
                        attempt.describe(), parkedTopic);
                park(delivery, "attempts-exhausted");
            } else {
                retryLater(delivery);
            }
        }
        pump();
    }

    private void retryLater(Delivery delivery) {
        Duration wait = settings.retryAfter(delivery.attempts, random.getAsDouble());
        log.debug("webhook delivery {} to tenant {}: attempt {} failed ({}); retrying in {} ms", delivery.deliveryId,
                endpoint.tenantId(), delivery.attempts, delivery.lastResult, wait.toMillis());
        waiting.add(delivery);
        scheduler.schedule(() -> retryDue(delivery), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void retryDue(Delivery delivery) {
        if (waiting.remove(delivery) && !delivery.cancelled) {
            ready.add(delivery); // parked meanwhile if the endpoint was disabled: then it is no longer waiting
            pump();
        }
    }

    private void recheckLater() {
        if (recheckScheduled) {
            return;
        }
        recheckScheduled = true;
        long delayMs = Math.max(20, Math.min(1_000, settings.breakerOpen().toMillis() / 10));
        scheduler.schedule(this::recheck, delayMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void recheck() {
        recheckScheduled = false;
        pump();
    }

    private synchronized void transitioned(CircuitBreaker.StateTransition transition) {
        switch (transition.getToState()) {
            case OPEN:
                opensInARow++;
                if (opensInARow >= settings.disableAfterOpens() && !disabled) {
                    disable();
                } else {
                    log.info("webhook endpoint of tenant {} ({}): circuit breaker {} -> OPEN (last: {}); holding its "
                                    + "deliveries for {} s", endpoint.tenantId(), endpoint.origin(),
                            transition.getFromState(), lastFailure, settings.breakerOpen().toSeconds());
                }
                break;
            case CLOSED:
                opensInARow = 0;
                if (resetting || transition.getFromState() == CircuitBreaker.State.CLOSED) {
                    break;
                }
                log.info("webhook endpoint of tenant {} ({}) answers again", endpoint.tenantId(), endpoint.origin());
                break;
            default:
                break;
        }
    }

    private void disable() {
        disabled = true;
        List<Delivery> parked = new ArrayList<>(ready);
        parked.addAll(waiting);
        ready.clear();
        waiting.clear();
        log.warn("webhook endpoint of tenant {} ({}) disabled: its circuit breaker opened {} times in a row with no "
                        + "delivery in between (last: {}); its deliveries are parked on {} until "
                        + "`hublink webhooks redrive --tenant {}`", endpoint.tenantId(), endpoint.origin(), opensInARow,
                lastFailure, parkedTopic, endpoint.tenantId());
        observer.endpointDisabled(endpoint.tenantId());
        parked.forEach(delivery -> park(delivery, "endpoint-disabled"));
    }

    private void enable() {
        disabled = false;
        opensInARow = 0;
        resetting = true;
        try {
            breaker.reset();
        } finally {
            resetting = false;
        }
        log.info("webhook endpoint of tenant {} ({}) re-enabled by a re-drive", endpoint.tenantId(), endpoint.origin());
        observer.endpointEnabled(endpoint.tenantId());
    }

    private void park(Delivery delivery, String reason) {
        if (delivery.cancelled) {
            return;
        }
        observer.parked(endpoint.tenantId(), reason);
        parking.park(delivery, reason);
    }

    /** What the endpoint's breaker records; carries only the attempt's description. */
    static final class WebhookAttemptFailed extends Exception {
        private static final long serialVersionUID = 1L;

        WebhookAttemptFailed(String what) {
            super(what, null, false, false);
        }
    }
}

package io.hublink.worker.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hublink.events.AccountLinked;
import io.hublink.events.LinkFailed;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.OutboundRecord;
import io.hublink.pipeline.RecordProcessor;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.UndecodableEventException;
import io.hublink.worker.clickup.ClickUpTransport;
import io.hublink.worker.clickup.CredentialValidator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;

/**
 * The worker's own metrics. Every tag value comes from a fixed set (an outcome kind, a reason or error enum, an HTTP
 * status class, a breaker state): never a token, an id or anything a tenant typed.
 *
 * <ul>
 *   <li>{@code hublink_outcomes_total{outcome="linked"|"failed", reason="none"|<FailureReason>}}: decisions made.
 *       Counted when decided; a transaction that aborts is decided again and counted again, so these are rates for
 *       dashboards, while the outcomes topic stays the ledger.</li>
 *   <li>{@code hublink_dead_letters_total{error=<kind>}}: records sent to the dead-letter topic.</li>
 *   <li>{@code hublink_clickup_call_seconds{endpoint="team"|"user", result="2xx"|"4xx"|"429"|"5xx"|"timeout"|
 *       "connect"|"io"|"cancelled"}}: a histogram of ClickUp call latency.</li>
 *   <li>{@code hublink_clickup_breaker_state{state=<CLOSED|OPEN|HALF_OPEN|…>}}: 1 for the current state, else 0;
 *       {@code hublink_clickup_breaker_transitions_total{to=<state>}}.</li>
 *   <li>{@code hublink_validations_in_flight}: validations waiting on ClickUp now (including retries and waits).</li>
 * </ul>
 */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    private WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("hublink.validations.in.flight", inFlight, AtomicInteger::get)
                .description("Validations waiting on ClickUp now, including their retries and waits")
                .strongReference(true).register(registry);
    }

    public static WorkerMetrics of(MeterRegistry registry) {
        return new WorkerMetrics(registry);
    }

    /** Metrics that go nowhere: for tests and embedded uses that serve no ops port. */
    public static WorkerMetrics none() {
        return new WorkerMetrics(new CompositeMeterRegistry());
    }

    public ClickUpTransport timed(ClickUpTransport transport) {
        return new TimedClickUpTransport(transport, registry);
    }

    /** Counts validations in flight. */
    public CredentialValidator counted(CredentialValidator validator) {
        return request -> {
            inFlight.incrementAndGet();
            try {
                return validator.validate(request).whenComplete((verdict, error) -> inFlight.decrementAndGet());
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                throw e;
            }
        };
    }

    /** Counts each decided outcome by reason, and each dead letter by error, as the processor produces them. */
    public RecordProcessor counted(RecordProcessor processor, HublinkTopics topics, EventCodec codec) {
        return record -> processor.process(record).whenComplete((outputs, error) -> {
            if (outputs != null) {
                outputs.forEach(output -> count(output, topics, codec));
            }
        });
    }

    /** Exposes the breaker's state and counts its transitions. */
    public void watch(CircuitBreaker breaker) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("hublink.clickup.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the ClickUp circuit breaker's current state, else 0")
                    .tag("state", state.name()).strongReference(true).register(registry);
        }
        breaker.getEventPublisher().onStateTransition(event ->
                Counter.builder("hublink.clickup.breaker.transitions")
                        .description("ClickUp circuit breaker state changes, by the state entered")
                        .tag("to", event.getStateTransition().getToState().name())
                        .register(registry).increment());
    }

    private void count(OutboundRecord output, HublinkTopics topics, EventCodec codec) {
        if (output.topic().equals(topics.dlq())) {
            byte[] error = output.headers().get(DeadLetters.ERROR);
            Counter.builder("hublink.dead.letters").description("Records sent to the dead-letter topic, by error")
                    .tag("error", error == null ? "UNKNOWN" : new String(error, StandardCharsets.UTF_8))
                    .register(registry).increment();
        } else if (output.topic().equals(topics.outcomes()) && !output.isTombstone()) {
            SpecificRecord outcome;
            try {
                outcome = codec.decode(output.value());
            } catch (UndecodableEventException e) {
                return; // we wrote it; cannot happen
            }
            String kind = outcome instanceof AccountLinked ? "linked" : "failed";
            String reason = outcome instanceof LinkFailed ? ((LinkFailed) outcome).getReason().name() : "none";
            outcomes(kind, reason).increment();
        }
    }

    private Counter outcomes(String kind, String reason) {
        return Counter.builder("hublink.outcomes")
                .description("Outcomes decided by the worker, by kind and failure reason")
                .tags(List.of(io.micrometer.core.instrument.Tag.of("outcome", kind),
                        io.micrometer.core.instrument.Tag.of("reason", reason)))
                .register(registry);
    }
}

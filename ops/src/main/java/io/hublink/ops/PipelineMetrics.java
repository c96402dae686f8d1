package io.hublink.ops;

import io.hublink.pipeline.PipelineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metrics every Kafka loop of hublink has, tagged with its consumer group: consumer lag and assigned partitions
 * (read from the consumer's own metrics), records consumed and produced by committed transactions, recoveries, and
 * whether intake is paused. Also the readiness check of that loop.
 *
 * <p>Metric names (Prometheus): {@code hublink_consumer_lag}, {@code hublink_consumer_assigned_partitions},
 * {@code hublink_records_committed_total{direction="in"|"out"}}, {@code hublink_pipeline_recoveries_total},
 * {@code hublink_intake_paused}.
 */
public final class PipelineMetrics implements PipelineListener {

    private final Counter consumed;
    private final Counter produced;
    private final Counter recoveries;
    private final AtomicInteger paused = new AtomicInteger();

    private PipelineMetrics(MeterRegistry registry, String group, ConsumerProbe probe) {
        registerConsumerGauges(registry, group, probe);
        consumed = Counter.builder("hublink.records.committed").tag("group", group).tag("direction", "in")
                .description("Records consumed (in) and produced (out) by committed transactions").register(registry);
        produced = Counter.builder("hublink.records.committed").tag("group", group).tag("direction", "out")
                .description("Records consumed (in) and produced (out) by committed transactions").register(registry);
        recoveries = Counter.builder("hublink.pipeline.recoveries").tag("group", group)
                .description("Times the loop dropped what it held and rewound to the committed offsets")
                .register(registry);
        Gauge.builder("hublink.intake.paused", paused, AtomicInteger::get)
                .description("1 while intake is paused (breaker not closed, or back-pressure), else 0")
                .tag("group", group).strongReference(true).register(registry);
    }

    /**
     * Registers only {@code hublink_consumer_lag} and {@code hublink_consumer_assigned_partitions} of a consumer
     * group, for a loop that commits no transactions (webhook delivery).
     */
    public static void registerConsumerGauges(MeterRegistry registry, String group, ConsumerProbe probe) {
        Gauge.builder("hublink.consumer.lag", probe, ConsumerProbe::lag)
                .description("Records behind the end of the input topic, summed over this instance's partitions")
                .tag("group", group).strongReference(true).register(registry);
        Gauge.builder("hublink.consumer.assigned.partitions", probe, ConsumerProbe::assignedPartitions)
                .description("Partitions of the input topic assigned to this instance")
                .tag("group", group).strongReference(true).register(registry);
    }

    /** Registers the gauges and counters of the loop of consumer group {@code group}. */
    public static PipelineMetrics register(MeterRegistry registry, String group, ConsumerProbe probe) {
        return new PipelineMetrics(registry, group, probe);
    }

    /**
     * Ready while the loop runs and its consumer has joined the group (it holds partitions, or a rebalance completed);
     * not ready before that and after the loop ended.
     */
    public static Readiness readiness(String role, CompletableFuture<Void> termination, ConsumerProbe probe) {
        return () -> {
            if (termination.isDone()) {
                return Readiness.Status.notReady("not ready: the " + role + " has stopped");
            }
            if (!probe.joined()) {
                return Readiness.Status.notReady("not ready: the " + role
                        + "'s consumer has not joined its group yet");
            }
            return Readiness.Status.ready("ready: the " + role + " holds " + probe.assignedPartitions()
                    + " partitions");
        };
    }

    @Override
    public void committed(int inputs, int outputs) {
        consumed.increment(inputs);
        produced.increment(outputs);
    }

    @Override
    public void recovered(String reason) {
        recoveries.increment();
    }

    @Override
    public void paused(boolean nowPaused, String why) {
        paused.set(nowPaused ? 1 : 0);
    }
}

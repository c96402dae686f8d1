package io.hublink.pipeline;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/** Observes a pipeline's progress, for metrics, the demo's progress and tests. Called on the poll thread. */
public interface PipelineListener {

    PipelineListener NONE = new PipelineListener() { };

    /** A transaction committed {@code inputs} consumed records and {@code outputs} produced ones. */
    default void committed(int inputs, int outputs) {
    }

    /** Everything held was dropped and the partitions rewound to their committed offsets. */
    default void recovered(String reason) {
    }

    /** Intake paused ({@code true}) or resumed. */
    default void paused(boolean paused, String why) {
    }

    /**
     * A rebalance gave this pipeline {@code partitions}; {@code startPaused} when intake was closed, so they were
     * paused before their first fetch.
     */
    default void partitionsAssigned(Collection<TopicPartition> partitions, boolean startPaused) {
    }

    /** A rebalance took {@code partitions} away (after what was complete of them was committed). */
    default void partitionsRevoked(Collection<TopicPartition> partitions) {
    }
}

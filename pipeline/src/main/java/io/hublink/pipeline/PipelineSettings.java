package io.hublink.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * One pipeline's settings, validated once.
 *
 * @param transactionalId  {@code hublink-<role>-<instance id>}: stable across restarts, so a restarted instance aborts
 *                         its own unfinished transaction at once; unique per running instance
 * @param maxInFlight      records processing at once, across all assigned partitions; finished records awaiting
 *                         their commit are held up to twice as many more (together: the memory bound)
 * @param commitInterval   how long completed outputs may wait for their transaction; short, so a record never waits
 *                         on the slowest call of a batch
 * @param drainTimeout     how long a stopping pipeline waits for work in flight before it gives the rest up
 */
public record PipelineSettings(KafkaConnection connection, String groupId, String inputTopic, String dlqTopic,
                               String transactionalId, int maxInFlight, Duration commitInterval,
                               Duration transactionTimeout, Duration drainTimeout) {

    public PipelineSettings {
        Objects.requireNonNull(connection, "connection");
        requireText(groupId, "group-id");
        requireText(inputTopic, "input topic");
        requireText(dlqTopic, "dlq topic");
        requireText(transactionalId, "transactional id");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max-in-flight: must be at least 1, was " + maxInFlight);
        }
        requirePositive(commitInterval, "commit-interval");
        requirePositive(transactionTimeout, "transaction-timeout");
        Objects.requireNonNull(drainTimeout, "drain-timeout");
    }

    public static PipelineSettings of(KafkaConnection connection, String groupId, String inputTopic, String dlqTopic,
                                      String transactionalId) {
        return new PipelineSettings(connection, groupId, inputTopic, dlqTopic, transactionalId, 2048,
                Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public PipelineSettings withConnection(KafkaConnection value) {
        return new PipelineSettings(value, groupId, inputTopic, dlqTopic, transactionalId, maxInFlight, commitInterval,
                transactionTimeout, drainTimeout);
    }

    public PipelineSettings withMaxInFlight(int value) {
        return new PipelineSettings(connection, groupId, inputTopic, dlqTopic, transactionalId, value, commitInterval,
                transactionTimeout, drainTimeout);
    }

    public PipelineSettings withTransactionTimeout(Duration value) {
        return new PipelineSettings(connection, groupId, inputTopic, dlqTopic, transactionalId, maxInFlight,
                commitInterval, value, drainTimeout);
    }

    public PipelineSettings withCommitInterval(Duration value) {
        return new PipelineSettings(connection, groupId, inputTopic, dlqTopic, transactionalId, maxInFlight, value,
                transactionTimeout, drainTimeout);
    }

    public PipelineSettings withDrainTimeout(Duration value) {
        return new PipelineSettings(connection, groupId, inputTopic, dlqTopic, transactionalId, maxInFlight,
                commitInterval, transactionTimeout, value);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": missing");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, was " + value);
        }
    }
}

package io.hublink.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTxnTimeoutException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's transactional producer and its error tiers. A transaction either commits, or is gone: aborted, or,
 * when this producer can no longer act (fenced, a commit or an abort whose outcome is unknown after a timeout, a fatal
 * state), abandoned to a new producer with the same transactional id, whose initialisation completes or aborts
 * whatever the old one left open. Either way the transaction is resolved before {@link #commit} returns, so the
 * committed offsets read next are final.
 *
 * <p>Only configuration errors (authorization, an unsupported broker, a transaction timeout the broker refuses) are
 * fatal; while Kafka cannot be reached, initialisation is retried until it can, or until the pipeline stops.
 */
final class TransactionalProducer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionalProducer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Thrown out of a retry loop when the pipeline is stopping meanwhile. */
    static final class StoppedWhileRetrying extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedWhileRetrying() {
            super("stopped while waiting for Kafka", null, false, false);
        }
    }

    private final Supplier<Producer<byte[], byte[]>> factory;
    private final String transactionalId;
    private final BooleanSupplier stopping;
    private Producer<byte[], byte[]> producer;

    /** Creates the first producer at once, so bad client settings fail in the caller. */
    TransactionalProducer(Supplier<Producer<byte[], byte[]>> factory, String transactionalId, BooleanSupplier stopping) {
        this.factory = factory;
        this.transactionalId = transactionalId;
        this.stopping = stopping;
        this.producer = factory.get();
    }

    /**
     * Initialises transactions: fences any older producer with this transactional id and completes or aborts its open
     * transaction. Retried, with a new producer each time, while Kafka cannot be reached.
     */
    void initialize() {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                if (producer == null) {
                    producer = factory.get();
                }
                producer.initTransactions();
                return;
            } catch (AuthorizationException | UnsupportedVersionException | InvalidTxnTimeoutException e) {
                throw e; // configuration: retrying cannot help
            } catch (KafkaException e) {
                log.warn("producer {} cannot initialise transactions ({}); retrying in {} ms", transactionalId,
                        TransactionalPipeline.describe(e), backoff.toMillis());
                closeQuietly(Duration.ZERO);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Produces {@code records} and commits {@code offsets} for {@code group} in one transaction.
     *
     * @return empty when it committed; otherwise why not: the transaction is then aborted or abandoned (never partly
     *     visible), and this producer is ready for the next one
     */
    Optional<String> commit(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
                            ConsumerGroupMetadata group) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record);
            }
            producer.sendOffsetsToTransaction(offsets, group);
            producer.commitTransaction();
            return Optional.empty();
        } catch (ProducerFencedException e) {
            String reason = "producer fenced (" + TransactionalPipeline.describe(e) + "): a newer producer with "
                    + "transactional id " + transactionalId + " exists (this instance restarted, or another process "
                    + "runs with the same instance id)";
            replace();
            return Optional.of(reason);
        } catch (TimeoutException e) {
            // The outcome is unknown and the client allows only a retry of the same call: let a new producer resolve it.
            replace();
            return Optional.of("transaction outcome unknown (" + TransactionalPipeline.describe(e) + ")");
        } catch (KafkaException e) {
            // Abortable (a lost generation, the broker's transaction timeout, a broker hiccup) or fatal to this
            // producer (an epoch or sequence error): abort if it still can, else start over with a new producer.
            abortOrReplace();
            return Optional.of("transaction failed (" + TransactionalPipeline.describe(e) + ")");
        } catch (IllegalStateException e) {
            // The client refuses the call in its current state (e.g. after an earlier timeout): start over.
            replace();
            return Optional.of("producer in an unusable state (" + TransactionalPipeline.describe(e) + ")");
        }
    }

    private void abortOrReplace() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.warn("abort failed ({}); replacing the producer", TransactionalPipeline.describe(e));
            replace();
        }
    }

    private void replace() {
        closeQuietly(Duration.ZERO);
        initialize();
    }

    private void pause(Duration backoff) {
        long end = System.nanoTime() + backoff.toNanos();
        while (System.nanoTime() < end) {
            if (stopping.getAsBoolean()) {
                throw new StoppedWhileRetrying();
            }
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedWhileRetrying();
            }
        }
        if (stopping.getAsBoolean()) {
            throw new StoppedWhileRetrying();
        }
    }

    private void closeQuietly(Duration timeout) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            log.debug("producer close: {}", TransactionalPipeline.describe(e));
        }
        producer = null;
    }

    @Override
    public void close() {
        closeQuietly(Duration.ofSeconds(5));
    }
}

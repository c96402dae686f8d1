package io.hublink.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consume → process → produce with exactly-once delivery, shared by the worker and the publisher.
 *
 * <p><b>Guarantee.</b> For {@code read_committed} readers, each consumed record's outputs appear exactly once, through
 * crashes, restarts and rebalances: outputs are produced only in the transaction whose
 * {@code sendOffsetsToTransaction} (with the consumer's group metadata, so a zombie is fenced) covers their source
 * offset. Records are processed concurrently, but per partition only the completed prefix is released, so an offset is
 * never committed past a record still in flight, and outputs appear in offset order. Transactions are short (one per
 * {@link PipelineSettings#commitInterval()} under load) and never stay open while processing waits on I/O.
 *
 * <p><b>Error tiers.</b> A processor bug sends that record to the dead-letter topic (the partition moves on). A failed
 * transaction is never fatal: an abortable one (the broker's transaction timeout, a lost generation, a broker hiccup)
 * is aborted; one this producer can no longer act on (fenced, a timeout with the outcome unknown, a fatal producer
 * state) is left to a new producer with the same transactional id, whose initialisation resolves it. Either way
 * everything held is dropped and the assigned partitions rewind to their committed offsets, so the work is redone.
 * While Kafka cannot be reached, that recovery waits and retries. Only configuration errors (authorization, an
 * unsupported broker, a refused transaction timeout) and bugs stop the pipeline and fail {@link #termination()}.
 *
 * <p><b>Rebalances.</b> On revocation the completed prefix is committed while this instance still owns the partitions,
 * and the rest is dropped; lost partitions are dropped without a commit (another instance owns them already).
 *
 * <p><b>Bounds.</b> At most {@link PipelineSettings#maxInFlight()} records are processing at once, across all assigned
 * partitions: records a poll returns beyond that wait, in offset order, and fetching pauses while any wait. A record
 * that has finished no longer counts, so the bound stays busy while finished records wait for their commit; those are
 * bounded too ({@link #holdLimit}), so one stuck record cannot make its partition pile up finished ones behind it.
 *
 * <p>One thread (the poll thread) owns the consumer and the producer; processing completes on other threads.
 */
public final class TransactionalPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionalPipeline.class);
    private static final byte[] NO_KEY = new byte[0];
    private static final Duration COMMITTED_OFFSETS_TIMEOUT = Duration.ofSeconds(30);

    private final PipelineSettings settings;
    private final RecordProcessor processor;
    private final IntakeGate gate;
    private final PipelineListener listener;
    private final PipelineClients clients;
    private final Consumer<byte[], byte[]> consumer;
    private final TransactionalProducer producer;

    private final Map<TopicPartition, PendingPartition> pending = new HashMap<>();
    private final KeyOrder keyOrder = new KeyOrder();
    /** Polled but not yet started (at most one poll's batch: fetching pauses while any wait). */
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> waiting = new ArrayDeque<>();
    /** Started and not yet finished; finished on other threads. */
    private final AtomicInteger processing = new AtomicInteger();
    /** Started and not yet committed (processing, or finished and awaiting their transaction). */
    private int held;
    private final int holdLimit;
    private boolean paused;
    private long lastCommitNanos = System.nanoTime();

    private final Thread pollThread;
    private volatile boolean stopping;
    private final CompletableFuture<Void> termination = new CompletableFuture<>();

    private TransactionalPipeline(PipelineSettings settings, RecordProcessor processor, IntakeGate gate,
                                  PipelineListener listener, PipelineClients clients) {
        this.settings = settings;
        this.processor = processor;
        this.gate = gate;
        this.listener = listener;
        this.clients = clients;
        this.consumer = clients.consumer(consumerProperties(settings));
        this.producer = new TransactionalProducer(() -> clients.producer(producerProperties(settings)),
                settings.transactionalId(), () -> stopping);
        this.pollThread = new Thread(this::run, "hublink-poll-" + settings.transactionalId());
        // Finished records wait at most a commit interval, unless an earlier record of their partition is still
        // processing; twice the bound leaves room for that without letting a stuck partition grow without end.
        this.holdLimit = 2 * settings.maxInFlight();
    }

    /** Starts the poll thread. The clients are created here, so bad client settings fail in the caller. */
    public static TransactionalPipeline start(PipelineSettings settings, RecordProcessor processor, IntakeGate gate,
                                              PipelineListener listener) {
        return start(settings, processor, gate, listener, PipelineClients.KAFKA);
    }

    static TransactionalPipeline start(PipelineSettings settings, RecordProcessor processor, IntakeGate gate,
                                       PipelineListener listener, PipelineClients clients) {
        TransactionalPipeline pipeline = new TransactionalPipeline(settings, processor, gate, listener, clients);
        pipeline.pollThread.start();
        return pipeline;
    }

    /**
     * The consumer's own metrics (assigned partitions, records lag, rebalances), read-only, for health checks and
     * gauges. Safe from any thread: Kafka keeps them in a concurrent map, and reading them takes no consumer lock.
     */
    public Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> consumerMetrics() {
        return consumer.metrics();
    }

    /** Completes when the poll loop has ended: normally after {@link #close()}, exceptionally on a fatal error. */
    public CompletableFuture<Void> termination() {
        return termination;
    }

    /** Stops taking records, waits up to the drain timeout for work in flight, commits it, and leaves the group. */
    @Override
    public void close() {
        stopping = true;
        if (Thread.currentThread() != pollThread) {
            try {
                pollThread.join(settings.drainTimeout().plusSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            producer.initialize();
            consumer.subscribe(List.of(settings.inputTopic()), new Rebalance());
            while (!stopping) {
                applyFlowControl();
                boolean busy = held > 0 || !waiting.isEmpty(); // short polls, so finished work is released soon
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(busy ? 5 : 100));
                records.forEach(waiting::add);
                startWaiting();
                release(false);
            }
            drain();
            termination.complete(null);
        } catch (Throwable fatal) {
            if (stoppedWhileRetrying(fatal)) {
                log.info("pipeline {} stopped while Kafka was unreachable; unfinished records will be processed "
                        + "again from the committed offsets", settings.transactionalId());
                termination.complete(null);
                return;
            }
            log.error("pipeline {} stopped: {}", settings.transactionalId(), describe(fatal), fatal);
            termination.completeExceptionally(fatal);
        } finally {
            closeQuietly();
        }
    }

    /** A stop during a retry loop, possibly wrapped by the consumer when it happened in a rebalance callback. */
    private boolean stoppedWhileRetrying(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof TransactionalProducer.StoppedWhileRetrying) {
                return true;
            }
        }
        return false;
    }

    /** Starts waiting records, in the order they were polled, while the bounds allow and the gate is open. */
    private void startWaiting() {
        while (!waiting.isEmpty() && processing.get() < settings.maxInFlight() && held < holdLimit
                && gate.isOpen()) {
            submit(waiting.poll());
        }
    }

    private void submit(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        byte[] key = record.key() == null ? NO_KEY : record.key();
        InboundRecord inbound = new InboundRecord(record.topic(), record.partition(), record.offset(), key,
                record.value(), Instant.ofEpochMilli(record.timestamp()));
        CompletableFuture<?> before = keyOrder.tail(partition, key);
        CompletableFuture<List<OutboundRecord>> result = before == null || before.isDone()
                ? processSafely(inbound)
                : before.handle((ignored, error) -> null).thenCompose(ignored -> processSafely(inbound));
        keyOrder.append(partition, key, result);
        pending.computeIfAbsent(partition, p -> new PendingPartition())
                .add(new PendingPartition.Entry(record.offset(), key, result));
        held++;
        processing.incrementAndGet();
        result.whenComplete((outputs, error) -> processing.decrementAndGet());
    }

    private CompletableFuture<List<OutboundRecord>> processSafely(InboundRecord inbound) {
        CompletableFuture<List<OutboundRecord>> result;
        try {
            result = processor.process(inbound);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((outputs, error) -> {
            if (error == null && outputs != null) {
                return outputs;
            }
            // A processor bug: park the record rather than stall the partition or crash-loop. The message of an
            // unknown exception could carry input, so only its class is logged.
            log.error("processing {} failed with {}; copied to the dead-letter topic", inbound.origin(),
                    error == null ? "a null result" : describe(error));
            return List.of(DeadLetters.of(inbound, settings.dlqTopic(), DeadLetters.PROCESSING_ERROR,
                    "the processor failed unexpectedly"));
        });
    }

    /** Commits the completed prefix of every partition, at most once per commit interval unless forced. */
    private void release(boolean force) {
        if (!force && System.nanoTime() - lastCommitNanos < settings.commitInterval().toNanos()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<OutboundRecord> outputs = new ArrayList<>();
        int inputs = 0;
        for (Map.Entry<TopicPartition, PendingPartition> partition : pending.entrySet()) {
            PendingPartition.Entry entry;
            while ((entry = partition.getValue().pollCompleted()) != null) {
                outputs.addAll(entry.result().join());
                offsets.put(partition.getKey(), new OffsetAndMetadata(entry.offset() + 1));
                keyOrder.released(partition.getKey(), entry.key(), entry.result());
                inputs++;
            }
        }
        held -= inputs;
        if (offsets.isEmpty()) {
            return;
        }
        commit(offsets, outputs, inputs);
        lastCommitNanos = System.nanoTime();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets, List<OutboundRecord> outputs, int inputs) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(outputs.size());
        outputs.forEach(output -> records.add(toProducerRecord(output)));
        Optional<String> failure = producer.commit(records, offsets, consumer.groupMetadata());
        if (failure.isEmpty()) {
            listener.committed(inputs, outputs.size());
        } else {
            // The transaction is aborted or abandoned: nothing of it is visible, and its offsets did not move.
            recover(failure.get());
        }
    }

    /** Drops everything held and rewinds every assigned partition to its committed offset. */
    private void recover(String reason) {
        log.warn("{}: dropping {} held records and resuming from the committed offsets", reason,
                held + waiting.size());
        pending.values().forEach(PendingPartition::clear);
        keyOrder.clear();
        waiting.clear();
        held = 0;
        rewind(consumer.assignment());
        listener.recovered(reason);
    }

    /** Seeks to the committed offsets; retried while Kafka cannot be reached (nothing may be read before they are). */
    private void rewind(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = null;
        long backoffMs = 100;
        while (committed == null) {
            try {
                committed = consumer.committed(partitions, COMMITTED_OFFSETS_TIMEOUT);
            } catch (RetriableException e) { // a TimeoutException among them
                if (stopping) {
                    throw new TransactionalProducer.StoppedWhileRetrying();
                }
                log.warn("cannot read the committed offsets ({}); retrying in {} ms", describe(e), backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionalProducer.StoppedWhileRetrying();
        }
    }

    /**
     * Pauses fetching while the gate is closed, records wait to start, or too much is held; resumes once none wait
     * and the held records are down to three quarters of their limit (no flapping).
     */
    private void applyFlowControl() {
        boolean gateOpen = gate.isOpen();
        if (!paused && (!gateOpen || !waiting.isEmpty() || held >= holdLimit)) {
            consumer.pause(consumer.assignment());
            paused = true;
            listener.paused(true, gateOpen ? "back-pressure" : gate.whyClosed());
        } else if (paused && gateOpen && waiting.isEmpty() && held <= holdLimit * 3 / 4) {
            consumer.resume(consumer.assignment());
            paused = false;
            listener.paused(false, "resumed");
        }
    }

    private void drain() {
        consumer.pause(consumer.assignment());
        paused = true;
        waiting.clear(); // never started, so never committed: the next owner reads them again
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (held > 0 && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(10)); // keeps the membership alive; paused, so it returns nothing
            release(true);
        }
        release(true);
        if (held > 0) {
            log.info("stopping with {} records unfinished; they will be processed again from the committed offsets",
                    held);
        }
    }

    private void dropPartition(TopicPartition partition) {
        waiting.removeIf(record -> record.partition() == partition.partition()
                && record.topic().equals(partition.topic()));
        PendingPartition dropped = pending.remove(partition);
        if (dropped != null) {
            held -= dropped.size();
            dropped.clear();
        }
        keyOrder.forget(partition);
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            release(true); // still the owner: commit what is complete, drop the rest
            partitions.forEach(TransactionalPipeline.this::dropPartition);
            listener.partitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(TransactionalPipeline.this::dropPartition);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Assigned while intake is closed (breaker open, or full): start paused, before the first fetch. The whole
            // assignment is paused, since an incremental (cooperative) rebalance keeps partitions that were not.
            boolean startPaused = paused || !gate.isOpen() || !waiting.isEmpty() || held >= holdLimit;
            if (startPaused) {
                consumer.pause(consumer.assignment());
                if (!paused) {
                    paused = true;
                    listener.paused(true, "assigned while intake is closed");
                }
            }
            if (!partitions.isEmpty()) {
                listener.partitionsAssigned(partitions, startPaused);
            }
        }
    }

    private static java.util.Properties producerProperties(PipelineSettings settings) {
        Map<String, Object> overrides = new HashMap<>();
        // Stable across restarts, unique per running instance: a restarted instance fences its old self and aborts
        // its unfinished transaction at once.
        overrides.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        overrides.put(ProducerConfig.ACKS_CONFIG, "all");
        overrides.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // How long the broker lets a transaction of ours stay open before it aborts it (a crash, a long pause).
        overrides.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
        overrides.put(ProducerConfig.CLIENT_ID_CONFIG, settings.transactionalId());
        overrides.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return settings.connection().properties(overrides);
    }

    private static java.util.Properties consumerProperties(PipelineSettings settings) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        overrides.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.transactionalId() + "-consumer");
        // Only committed outputs of upstream transactions are inputs.
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Offsets are committed only inside our transactions.
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return settings.connection().properties(overrides);
    }

    private static ProducerRecord<byte[], byte[]> toProducerRecord(OutboundRecord output) {
        RecordHeaders headers = new RecordHeaders();
        output.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
        return new ProducerRecord<>(output.topic(), null, output.key(), output.value(), headers);
    }

    private void closeQuietly() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("consumer close: {}", describe(e));
        }
        producer.close();
    }

    /** The exception's class, and its message for Kafka's own exceptions, which never carry record content. */
    static String describe(Throwable error) {
        Throwable shown = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        boolean kafkaOwn = shown instanceof KafkaException;
        return shown.getClass().getSimpleName() + (kafkaOwn && shown.getMessage() != null ? ": " + shown.getMessage() : "");
    }

    /** For tests: wait for the poll loop to end. */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        pollThread.join(unit.toMillis(timeout));
        return !pollThread.isAlive();
    }
}

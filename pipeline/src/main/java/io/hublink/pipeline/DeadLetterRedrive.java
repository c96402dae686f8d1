package io.hublink.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Republishes dead letters whose cause can have been fixed to their origin topic, keyed as before, so the worker
 * decides them again: an unknown key id (deploy the key first), an unknown schema fingerprint (upgrade the consumers
 * first), a processing error (deploy the fix first). None of these produced an outcome, so the outcome that follows is
 * still the only one for its request. Kinds that already produced an outcome (ENVELOPE_UNREADABLE, MISSING_ID with a
 * REQUEST_INVALID) or whose bytes cannot become readable (NOT_AVRO, CORRUPT_BODY, a truncated VALUE_TOO_LARGE copy) are
 * never republished; nor are dead letters of the publisher (origin: the outcomes topic), since republishing an outcome
 * would show it twice to every reader of that topic.
 *
 * <p><b>Exactly once per dead letter.</b> Each re-drivable kind has its own consumer group
 * ({@value #GROUP_PREFIX}KIND) whose offsets on the dead-letter topic are committed in the same transaction as the
 * records republished up to them. A record of kind K is republished only at or past K's committed offset, so running
 * the redrive again, or after a crash, or for one kind and later for all, never republishes a dead letter twice, and a
 * run for one kind never moves another kind's position. All runs share one transactional id: a second run fences the
 * first, and resolves its open transaction before reading the committed offsets.
 */
public final class DeadLetterRedrive {

    /** Shared by every run: two runs at once fence each other instead of both republishing. */
    public static final String TRANSACTIONAL_ID = "hublink-dlq-redrive";
    public static final String GROUP_PREFIX = "hublink-dlq-redrive-";
    /** On a republished record: the dead letter it came from ({@code topic-partition@offset}). */
    public static final String REDRIVEN_FROM = "hublink.redriven.from";
    /** On a republished record: the error kind of the dead letter it came from. */
    public static final String REDRIVEN_ERROR = "hublink.redriven.error";

    /** The kinds that can be re-driven, and what must be fixed first. */
    public static final Map<String, String> REDRIVABLE = orderedMap(
            DeadLetters.UNKNOWN_KEY_ID, "deploy the key to every worker first",
            DeadLetters.UNKNOWN_FINGERPRINT, "upgrade the consumers to the newer schema first",
            DeadLetters.PROCESSING_ERROR, "deploy the fix first");

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** Told about each transaction as it commits. */
    public interface Progress {
        Progress NONE = (read, total, redriven) -> { };

        void committed(long read, long total, long redriven);
    }

    /**
     * What one run did. {@code read}: dead letters looked at; {@code redriven}: republished; {@code skipped}: looked
     * at and not republished (already re-driven dead letters of the selected kinds are not looked at), by reason.
     */
    public record Report(long read, long redriven, Map<String, Long> skippedByReason) {

        public long skipped() {
            return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A run that stopped part-way; what it committed stays committed, and running again carries on. */
    public static final class RedriveException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedriveException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KafkaConnection connection;
    private final HublinkTopics topics;
    private final List<String> kinds;
    private final PipelineClients clients;

    private DeadLetterRedrive(KafkaConnection connection, HublinkTopics topics, List<String> kinds,
                              PipelineClients clients) {
        for (String kind : kinds) {
            if (!REDRIVABLE.containsKey(kind)) {
                throw new IllegalArgumentException("--error " + kind + ": cannot be re-driven; the re-drivable kinds "
                        + "are " + String.join(", ", REDRIVABLE.keySet()));
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("--error: no kind selected");
        }
        this.connection = Objects.requireNonNull(connection, "connection");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.kinds = List.copyOf(kinds);
        this.clients = clients;
    }

    /** A redrive of the given kinds (all of {@link #REDRIVABLE} when empty). */
    public static DeadLetterRedrive of(KafkaConnection connection, HublinkTopics topics, Optional<String> kind) {
        return new DeadLetterRedrive(connection, topics,
                kind.map(List::of).orElseGet(() -> List.copyOf(REDRIVABLE.keySet())), PipelineClients.KAFKA);
    }

    static DeadLetterRedrive of(KafkaConnection connection, HublinkTopics topics, List<String> kinds,
                                PipelineClients clients) {
        return new DeadLetterRedrive(connection, topics, kinds, clients);
    }

    public static String groupOf(String kind) {
        return GROUP_PREFIX + kind;
    }

    /** Reads the dead-letter topic as far as it is committed now, republishing what it may; see the class comment. */
    public Report run(Progress progress) {
        try (Producer<byte[], byte[]> producer = clients.producer(producerProperties());
             Consumer<byte[], byte[]> consumer = clients.consumer(consumerProperties())) {
            // First: fence an earlier run that may still be going and resolve its open transaction, so the committed
            // offsets read next are final.
            producer.initTransactions();
            List<TopicPartition> partitions = consumer.partitionsFor(topics.dlq(), ADMIN_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topics.dlq(), p.partition()))
                    .collect(Collectors.toList());
            Map<String, Map<TopicPartition, Long>> done = committedPerKind(partitions);
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: the last stable offset
            long total = 0;
            for (TopicPartition partition : partitions) {
                long start = beginning.get(partition);
                for (String kind : kinds) {
                    done.get(kind).merge(partition, start, Math::max);
                }
                long from = kinds.stream().mapToLong(k -> done.get(k).get(partition)).min().orElse(start);
                consumer.seek(partition, from);
                total += Math.max(0, end.get(partition) - from);
            }
            return readAndRepublish(producer, consumer, partitions, done, end, total, progress);
        } catch (ProducerFencedException e) {
            throw new RedriveException("another dlq redrive started meanwhile and took over; what this one "
                    + "committed stays committed", e);
        } catch (KafkaException e) {
            throw new RedriveException("stopped: " + TransactionalPipeline.describe(e) + "; what was committed "
                    + "stays committed, run it again to carry on", e);
        }
    }

    private Report readAndRepublish(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer,
                                    List<TopicPartition> partitions, Map<String, Map<TopicPartition, Long>> done,
                                    Map<TopicPartition, Long> end, long total, Progress progress) {
        long read = 0;
        long redriven = 0;
        Map<String, Long> skipped = new LinkedHashMap<>();
        long lastProgress = System.nanoTime();
        while (!reached(consumer, partitions, end)) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(partition)) {
                    continue; // arrived after this run began: the next run's
                }
                String kind = header(record, DeadLetters.ERROR).orElse("(no error header)");
                Long kindDone = done.containsKey(kind) ? done.get(kind).get(partition) : null;
                if (kindDone != null && record.offset() < kindDone) {
                    continue; // re-driven by an earlier run
                }
                read++;
                Optional<String> notRedrivable = whyNot(record, kind);
                if (notRedrivable.isPresent()) {
                    skipped.merge(kind + " (" + notRedrivable.get() + ")", 1L, Long::sum);
                } else {
                    batch.add(republished(record, kind));
                }
            }
            if (records.isEmpty()) {
                if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new RedriveException("stopped: no progress reading " + topics.dlq() + " for "
                            + STALL_LIMIT.toSeconds() + " s; what was committed stays committed, run it again", null);
                }
                continue;
            }
            lastProgress = System.nanoTime();
            commit(producer, consumer, partitions, batch, done, end);
            redriven += batch.size();
            progress.committed(read, total, redriven);
        }
        return new Report(read, redriven, skipped);
    }

    /** Why this dead letter may not be republished, if it may not. */
    private Optional<String> whyNot(ConsumerRecord<byte[], byte[]> record, String kind) {
        if (!REDRIVABLE.containsKey(kind)) {
            return Optional.of("not re-drivable");
        }
        if (!kinds.contains(kind)) {
            return Optional.of("not selected");
        }
        if (!header(record, DeadLetters.ORIGIN_TOPIC).orElse("").equals(topics.requests())) {
            return Optional.of("not from " + topics.requests());
        }
        if (header(record, DeadLetters.PAYLOAD_TRUNCATED).orElse("false").equals("true") || record.value() == null) {
            return Optional.of("payload not kept whole");
        }
        return Optional.empty();
    }

    private ProducerRecord<byte[], byte[]> republished(ConsumerRecord<byte[], byte[]> record, String kind) {
        String from = record.topic() + "-" + record.partition() + "@" + record.offset();
        List<Header> headers = List.of(
                new RecordHeader(REDRIVEN_FROM, from.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(REDRIVEN_ERROR, kind.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topics.requests(), null, record.key(), record.value(), headers);
    }

    /** Republishes the batch and moves every selected kind's offsets up to what this run has looked at, atomically. */
    private void commit(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer,
                        List<TopicPartition> partitions, List<ProducerRecord<byte[], byte[]>> batch,
                        Map<String, Map<TopicPartition, Long>> done, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> seen = new HashMap<>();
        for (TopicPartition partition : partitions) {
            seen.put(partition, Math.min(consumer.position(partition), end.get(partition)));
        }
        producer.beginTransaction();
        try {
            batch.forEach(producer::send);
            for (String kind : kinds) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    long next = Math.max(done.get(kind).get(partition), seen.get(partition));
                    offsets.put(partition, new OffsetAndMetadata(next));
                }
                producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(groupOf(kind)));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException ignored) {
                // closing the producer abandons the transaction; the next run's initialisation aborts it
            }
            throw e;
        }
        for (String kind : kinds) {
            for (TopicPartition partition : partitions) {
                done.get(kind).merge(partition, seen.get(partition), Math::max);
            }
        }
    }

    private static boolean reached(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                   Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Map<TopicPartition, Long>> committedPerKind(List<TopicPartition> partitions) {
        Map<String, Map<TopicPartition, Long>> done = new HashMap<>();
        try (Admin admin = Admin.create(connection.properties(Map.of("client.id", "hublink-dlq-redrive-admin")))) {
            for (String kind : kinds) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupOf(kind),
                                new ListConsumerGroupOffsetsOptions().requireStable(true))
                        .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, Long> offsets = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = committed.get(partition);
                    offsets.put(partition, offset == null ? 0L : offset.offset());
                }
                done.put(kind, offsets);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedriveException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new RedriveException("cannot read the redrive positions: " + TransactionalPipeline.describe(cause),
                    cause);
        }
        return done;
    }

    private java.util.Properties producerProperties() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        overrides.put(ProducerConfig.ACKS_CONFIG, "all");
        overrides.put(ProducerConfig.CLIENT_ID_CONFIG, TRANSACTIONAL_ID);
        overrides.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return connection.properties(overrides);
    }

    private java.util.Properties consumerProperties() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.CLIENT_ID_CONFIG, TRANSACTIONAL_ID + "-consumer");
        // Only dead letters of committed transactions: an aborted worker transaction's copy is not a dead letter.
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // No group of its own: positions are committed per kind, inside the republishing transactions.
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return connection.properties(overrides);
    }

    private static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}

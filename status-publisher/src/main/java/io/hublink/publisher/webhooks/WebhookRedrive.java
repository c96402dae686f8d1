package io.hublink.publisher.webhooks;

import io.hublink.pipeline.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code webhooks redrive}: moves the parked deliveries (of one tenant, or all) to the re-drive topic, where the
 * running publishers' delivery picks them up, re-enabling a disabled endpoint. Each move is the re-drive record plus
 * a tombstone for the parked one, in one Kafka transaction: a delivery is never both parked and re-driven, nor lost in
 * between. It reads the parked topic to its end ({@code read_committed}), keeping the latest record per delivery id.
 * In the same transaction it writes a re-enable marker to every partition of the re-drive topic.
 */
public final class WebhookRedrive {

    /** How many deliveries were parked (of the tenant asked for) and how many were moved. */
    public record Result(int parked, int redriven) {
    }

    private WebhookRedrive() {
    }

    public static Result run(KafkaConnection connection, WebhookTopics topics, Optional<String> tenant, Clock clock) {
        topics.ensure(connection);
        Map<String, ConsumerRecord<byte[], byte[]>> parked = readParked(connection, topics.parked());
        List<ConsumerRecord<byte[], byte[]>> chosen = parked.values().stream()
                .filter(r -> tenant.isEmpty() || tenant.get().equals(header(r, WebhookTopics.TENANT)))
                .collect(Collectors.toList());
        Map<String, Object> overrides = new HashMap<>();
        // A fresh id: a re-drive is a short one-off; no zombie of it can exist to fence.
        overrides.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hublink-webhook-redrive-" + UUID.randomUUID());
        overrides.put(ProducerConfig.CLIENT_ID_CONFIG, "hublink-webhook-redrive");
        overrides.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(connection.properties(overrides))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (ConsumerRecord<byte[], byte[]> record : chosen) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(new RecordHeader(WebhookTopics.TENANT, record.headers().lastHeader(WebhookTopics.TENANT)
                        .value()));
                headers.add(new RecordHeader("hublink.webhook.redriven-at",
                        clock.instant().toString().getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(topics.redrive(), null, record.key(), record.value(), headers));
                producer.send(new ProducerRecord<>(topics.parked(), record.key(), null));
            }
            // Every partition gets a marker, so every publisher instance re-enables the endpoint, not only those
            // that receive moved deliveries.
            byte[] enable = tenant.orElse(WebhookTopics.ALL_TENANTS).getBytes(StandardCharsets.UTF_8);
            for (org.apache.kafka.common.PartitionInfo partition : producer.partitionsFor(topics.redrive())) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(new RecordHeader(WebhookTopics.ENABLE, enable));
                producer.send(new ProducerRecord<>(topics.redrive(), partition.partition(), enable, new byte[0],
                        headers));
            }
            producer.commitTransaction();
        }
        return new Result(chosen.size(), chosen.size());
    }

    /** The parked topic as it stands: the latest record per delivery id, tombstoned ones left out. */
    static Map<String, ConsumerRecord<byte[], byte[]>> readParked(KafkaConnection connection, String topic) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.CLIENT_ID_CONFIG, "hublink-webhook-redrive-reader");
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, ConsumerRecord<byte[], byte[]>> latest = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(connection.properties(overrides))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, record);
                    }
                }
            }
        }
        return latest;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package io.hublink.app.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads records straight off a broker, without a consumer group, as bytes. */
public final class RawTopics {

    private RawTopics() {
    }

    /** Every topic the broker holds, Kafka's internal ones included. */
    public static Set<String> names(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Every record of {@code topics} from the beginning until none arrives for {@code idle}; {@code committedOnly}
     * false also returns records of aborted transactions (all bytes a broker holds).
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, Set<String> topics,
                                                                boolean committedOnly, Duration idle) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toList()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long last = System.nanoTime();
            while (System.nanoTime() - last < idle.toNanos()) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
                if (!polled.isEmpty()) {
                    polled.forEach(records::add);
                    last = System.nanoTime();
                }
            }
        }
        return records;
    }

    /** The records of one topic. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic,
                                                                boolean committedOnly, Duration idle) {
        return readAll(bootstrapServers, Set.of(topic), committedOnly, idle);
    }
}

package io.hublink.app.tail;

import io.hublink.pipeline.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic from the beginning without a consumer group (it commits nothing and disturbs no one), seeing
 * only committed transactional records.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stopped;

    public TopicReader(KafkaConnection connection, String topic) {
        this.consumer = new KafkaConsumer<>(connection.properties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "hublink-tail",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .collect(Collectors.toList());
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException("topic " + topic + ": does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Hands every record to {@code sink} until {@code idle} passes without a new one (empty: until {@link #stop()}).
     */
    public void readUntilIdle(Optional<Duration> idle, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long lastRecord = System.nanoTime();
        while (!stopped) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                lastRecord = System.nanoTime();
                records.forEach(sink);
            } else if (idle.isPresent() && System.nanoTime() - lastRecord >= idle.get().toNanos()) {
                return;
            }
        }
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

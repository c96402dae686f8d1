package io.hublink.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaClusterExtensionIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void should_expose_a_running_cluster_on_loopback_by_default() {
        assertThat(KAFKA.bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void should_create_topics_with_the_asked_partition_count() throws Exception {
        // when
        KAFKA.createTopics(3, "ext-a", "ext-b");

        // then
        Map<String, TopicDescription> topics =
                KAFKA.admin().describeTopics(List.of("ext-a", "ext-b")).allTopicNames().get();
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
    }

    @Test
    void should_create_a_compacted_topic() throws Exception {
        // when
        KAFKA.createCompactedTopic("ext-compacted", 2);

        // then
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "ext-compacted");
        Config config = KAFKA.admin().describeConfigs(Set.of(resource)).all().get().get(resource);
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
    }

    @Test
    void should_read_only_committed_records_in_offset_order_until_idle() {
        // given
        KAFKA.createTopics(1, "ext-read");
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer("ext-read-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("ext-read", bytes("k"), bytes("committed-1")));
            producer.send(new ProducerRecord<>("ext-read", bytes("k"), bytes("committed-2")));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("ext-read", bytes("k"), bytes("aborted")));
            producer.flush();
            producer.abortTransaction();
        }

        // when
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAll("ext-read", Duration.ofMillis(500));

        // then
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("committed-1", "committed-2");
    }

    @Nested
    class WhenNested {

        @Test
        void should_share_the_outer_class_cluster() {
            assertThat(KAFKA.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.hublink.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerIT {

    @TempDir
    Path tempDir;

    @Test
    void should_serve_a_committed_transactional_record_to_read_committed_readers() {
        // given
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults())) {
            // when
            try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(broker.bootstrapServers(), "tx-1")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("events", bytes("acc-1"), bytes("hello")));
                producer.commitTransaction();
            }

            // then
            List<ConsumerRecord<byte[], byte[]>> records =
                    TopicReader.readAll(broker.bootstrapServers(), "events", Duration.ofMillis(500));
            assertThat(records).hasSize(1);
            assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void should_read_back_every_committed_record_even_without_an_idle_wait() {
        // The reader once stopped at the first idle spell, which on a loaded machine (or a broker just restarted)
        // can come before the first fetch: with no idle wait at all it then returned nothing.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults())) {
            try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(broker.bootstrapServers(), "tx-0")) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>("no-idle", bytes("acc-" + i), bytes("record-" + i)));
                }
                producer.commitTransaction();
            }

            List<ConsumerRecord<byte[], byte[]>> records =
                    TopicReader.readAll(broker.bootstrapServers(), "no-idle", Duration.ZERO);

            assertThat(records).hasSize(3);
        }
    }

    @Test
    void should_keep_its_records_when_restarted_on_its_data_directory() {
        // given
        Path dataDir = tempDir.resolve("broker");
        BrokerOptions options = BrokerOptions.ofDefaults().withDataDir(dataDir);
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            port = broker.port();
            try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(broker.bootstrapServers(), "tx-2")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("kept", bytes("acc-1"), bytes("survives")));
                producer.commitTransaction();
            }
        }

        // when
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(options.withPort(port))) {
            // then
            assertThat(restarted.port()).isEqualTo(port);
            List<ConsumerRecord<byte[], byte[]>> records =
                    TopicReader.readAll(restarted.bootstrapServers(), "kept", Duration.ofMillis(500));
            assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("survives");
        }
        assertThat(Files.isDirectory(dataDir)).isTrue();
    }

    @Test
    void should_restart_in_place_on_the_same_port_and_data() {
        // given
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                BrokerOptions.ofDefaults().withDataDir(tempDir.resolve("in-place")));
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(broker.bootstrapServers(), "tx-3")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("in-place", bytes("acc-1"), bytes("still here")));
            producer.commitTransaction();
        }

        // when
        try (EmbeddedKafkaBroker restarted = broker.restart()) {
            // then
            assertThat(restarted.bootstrapServers()).isEqualTo(broker.bootstrapServers());
            assertThat(TopicReader.readAll(restarted.bootstrapServers(), "in-place", Duration.ofMillis(500)))
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("still here");
        }
    }

    @Test
    void should_delete_its_temporary_data_directory_on_close() {
        // given
        Path dataDir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults())) {
            dataDir = broker.dataDir();
            assertThat(dataDir).isDirectory();
        }

        // then
        assertThat(dataDir).doesNotExist();
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(String bootstrap, String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.hublink.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.testkit.logging.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerLoggingIT {

    /** Distinctive, so any trace of it in the output is unmistakable. */
    private static final String VALUE = "RECORD-CONTENT-NEVER-LOGGED-7f3a9c";
    private static final String KEY = "ACCOUNT-KEY-NEVER-LOGGED-2b8e41";

    @Test
    void should_never_print_record_contents_at_the_most_verbose_level() {
        try (LogCapture capture = LogCapture.atTrace()) {
            // given
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults())) {
                // when
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "logging-it"),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.initTransactions();
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>("secrets", bytes(KEY), bytes(VALUE)));
                    producer.commitTransaction();
                }
                assertThat(TopicReader.readAll(broker.bootstrapServers(), "secrets", Duration.ofMillis(300)))
                        .hasSize(1);
            }

            // then
            assertThat(capture.events()).as("the capture works: it saw the broker's own lines")
                    .anyMatch(e -> e.contains("Embedded Kafka broker ready at"));
            assertThat(capture.anywhereContains(VALUE)).as("a record value appears in the output").isFalse();
            assertThat(capture.anywhereContains(KEY)).as("a record key appears in the output").isFalse();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.hublink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hublink.testkit.kafka.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dlq redrive}'s engine on a real broker: what it republishes, what never, and exactly once per dead letter. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeadLetterRedriveIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();
    private static final AtomicInteger RUN = new AtomicInteger();

    private HublinkTopics topics;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void topics() {
        producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()));
        int run = RUN.incrementAndGet();
        topics = new HublinkTopics("req-" + run, "out-" + run, "note-" + run, "dlq-" + run, "acc-" + run, 3);
        TopicCreator.ensure(KAFKA.admin(), topics);
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void should_republish_only_fixable_dead_letters_to_their_origin_keyed_as_before_and_only_once() {
        deadLetter("k1", "UNKNOWN_KEY_ID", topics.requests(), "v1");
        deadLetter("k2", "UNKNOWN_FINGERPRINT", topics.requests(), "v2");
        deadLetter("k3", "PROCESSING_ERROR", topics.requests(), "v3");
        deadLetter("k4", "ENVELOPE_UNREADABLE", topics.requests(), "v4"); // answered CREDENTIALS_UNREADABLE already
        deadLetter("k5", "MISSING_ID", topics.requests(), "v5");
        deadLetter("k6", "NOT_AVRO", topics.requests(), "v6");
        deadLetter("k7", "VALUE_TOO_LARGE", topics.requests(), new String(new byte[DeadLetters.MAX_VALUE_BYTES + 1]));
        deadLetter("k8", "PROCESSING_ERROR", topics.outcomes(), "an outcome the publisher failed on");

        DeadLetterRedrive.Report first = redrive(Optional.empty());

        assertThat(first.redriven()).isEqualTo(3);
        assertThat(first.skippedByReason()).containsOnly(
                Map.entry("ENVELOPE_UNREADABLE (not re-drivable)", 1L),
                Map.entry("MISSING_ID (not re-drivable)", 1L),
                Map.entry("NOT_AVRO (not re-drivable)", 1L),
                Map.entry("VALUE_TOO_LARGE (not re-drivable)", 1L),
                Map.entry("PROCESSING_ERROR (not from " + topics.requests() + ")", 1L));
        List<ConsumerRecord<byte[], byte[]>> republished = KAFKA.readAll(topics.requests(), Duration.ofMillis(500));
        assertThat(republished).extracting(r -> text(r.key()) + "=" + text(r.value()))
                .containsExactlyInAnyOrder("k1=v1", "k2=v2", "k3=v3");
        assertThat(republished).allSatisfy(r -> {
            assertThat(header(r, DeadLetterRedrive.REDRIVEN_FROM)).startsWith(topics.dlq() + "-");
            assertThat(header(r, DeadLetterRedrive.REDRIVEN_ERROR)).isIn(DeadLetterRedrive.REDRIVABLE.keySet());
        });

        DeadLetterRedrive.Report second = redrive(Optional.empty());

        assertThat(second.redriven()).isZero();
        assertThat(second.read()).as("every kind's position is past everything").isZero();
        assertThat(KAFKA.readAll(topics.requests(), Duration.ofMillis(500))).hasSize(3);
    }

    @Test
    void should_leave_the_other_kinds_for_a_later_run_when_one_kind_is_selected() {
        deadLetter("a", "UNKNOWN_KEY_ID", topics.requests(), "va");
        deadLetter("b", "UNKNOWN_FINGERPRINT", topics.requests(), "vb");
        deadLetter("c", "UNKNOWN_KEY_ID", topics.requests(), "vc");

        DeadLetterRedrive.Report fingerprints = redrive(Optional.of("UNKNOWN_FINGERPRINT"));
        assertThat(fingerprints.redriven()).isEqualTo(1);
        assertThat(fingerprints.skippedByReason()).containsOnly(Map.entry("UNKNOWN_KEY_ID (not selected)", 2L));

        DeadLetterRedrive.Report all = redrive(Optional.empty());
        assertThat(all.redriven()).as("a and c, not b again").isEqualTo(2);

        assertThat(redrive(Optional.empty()).redriven()).isZero();
        assertThat(KAFKA.readAll(topics.requests(), Duration.ofMillis(500)))
                .extracting(r -> text(r.key())).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void should_refuse_a_kind_that_cannot_be_redriven() {
        assertThatThrownBy(() -> DeadLetterRedrive.of(connection(), topics, Optional.of("ENVELOPE_UNREADABLE")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--error ENVELOPE_UNREADABLE: cannot be re-driven")
                .hasMessageContaining("UNKNOWN_KEY_ID, UNKNOWN_FINGERPRINT, PROCESSING_ERROR");
    }

    @Test
    void should_republish_each_dead_letter_once_across_a_run_that_died_mid_transaction_and_the_next() {
        for (int i = 0; i < 1_300; i++) {
            deadLetter("key-" + (i % 50), "UNKNOWN_KEY_ID", topics.requests(), "value-" + i);
        }
        producer.flush();
        DiesOnSecondCommit dying = new DiesOnSecondCommit();

        assertThatThrownBy(() -> DeadLetterRedrive.of(connection(), topics, List.of("UNKNOWN_KEY_ID"), dying)
                .run(DeadLetterRedrive.Progress.NONE))
                .isInstanceOf(DeadLetterRedrive.RedriveException.class);
        assertThat(dying.commits.get()).isEqualTo(2);

        DeadLetterRedrive.Report next = redrive(Optional.of("UNKNOWN_KEY_ID"));

        List<ConsumerRecord<byte[], byte[]>> republished = KAFKA.readAll(topics.requests(), Duration.ofSeconds(1));
        assertThat(republished).hasSize(1_300);
        assertThat(republished.stream().map(r -> header(r, DeadLetterRedrive.REDRIVEN_FROM)).distinct().count())
                .isEqualTo(1_300);
        assertThat(republished.stream().map(r -> text(r.value())).collect(Collectors.toSet())).hasSize(1_300);
        assertThat(next.redriven()).as("the first run committed its first batch, and only that").isBetween(1L, 1_299L);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private DeadLetterRedrive.Report redrive(Optional<String> kind) {
        producer.flush();
        return DeadLetterRedrive.of(connection(), topics, kind).run(DeadLetterRedrive.Progress.NONE);
    }

    private KafkaConnection connection() {
        return KafkaConnection.of(KAFKA.bootstrapServers());
    }

    /** Writes a dead letter as the worker would: through {@link DeadLetters#of}. */
    private void deadLetter(String key, String kind, String originTopic, String value) {
        InboundRecord source = new InboundRecord(originTopic, 0, RUN.get(), key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), Instant.now());
        OutboundRecord letter = DeadLetters.of(source, topics.dlq(), kind, "a safe description");
        List<RecordHeader> headers = new ArrayList<>();
        letter.headers().forEach((name, bytes) -> headers.add(new RecordHeader(name, bytes)));
        producer.send(new ProducerRecord<>(topics.dlq(), null, letter.key(), letter.value(), new ArrayList<>(headers)));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * Real clients, but the second commit "dies": it never reaches the broker, and neither does an abort, so the
     * transaction is left open as a killed process would leave it.
     */
    private static final class DiesOnSecondCommit implements PipelineClients {
        final AtomicInteger commits = new AtomicInteger();

        @Override
        public Producer<byte[], byte[]> producer(Properties properties) {
            Producer<byte[], byte[]> real = PipelineClients.KAFKA.producer(properties);
            return (Producer<byte[], byte[]>) java.lang.reflect.Proxy.newProxyInstance(
                    Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commitTransaction") && commits.incrementAndGet() == 2) {
                            throw new KafkaException("simulated death before the commit");
                        }
                        if (method.getName().equals("abortTransaction") && commits.get() >= 2) {
                            throw new KafkaException("simulated death: no abort either");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Consumer<byte[], byte[]> consumer(Properties properties) {
            return PipelineClients.KAFKA.consumer(properties);
        }
    }
}

package io.hublink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.testkit.kafka.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransactionalPipelineIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2);
    private static final AtomicInteger RUN = new AtomicInteger();

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private String in;
    private String out;
    private String dlq;
    private String group;

    @BeforeEach
    void topics() throws Exception {
        int run = RUN.incrementAndGet();
        in = "in-" + run;
        out = "out-" + run;
        dlq = "dlq-" + run;
        group = "group-" + run;
        KAFKA.createTopics(3, in, out, dlq);
        TopicCreator.awaitLeaders(KAFKA.admin(), List.of(in, out, dlq), Duration.ofSeconds(30));
        System.out.println("random seed " + seed);
    }

    @AfterAll
    static void stopTimer() {
        TIMER.shutdownNow();
    }

    @Test
    void should_produce_exactly_one_output_per_input_in_offset_order_per_key() {
        Map<String, List<String>> sent = send(600, 40);
        EchoProcessor echo = new EchoProcessor(25);

        try (TransactionalPipeline pipeline = start(echo, IntakeGate.ALWAYS_OPEN)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(out, Duration.ofMillis(300)).size() >= 600);
        }

        List<ConsumerRecord<byte[], byte[]>> outputs = KAFKA.readAll(out, Duration.ofSeconds(1));
        assertThat(outputs).hasSize(600);
        assertThat(valuesByKey(outputs)).isEqualTo(sent);
        assertThat(echo.maxConcurrencyPerKey()).isEqualTo(1);
        assertThat(echo.maxConcurrency()).isGreaterThan(1);
    }

    @Test
    void should_never_process_more_records_at_once_than_the_bound_however_many_a_poll_returns() {
        // given a backlog far larger than one poll's batch, each record its own key (none waits on another)
        send(1_500, 1_500);
        EchoProcessor echo = new EchoProcessor(50);

        // when
        try (TransactionalPipeline pipeline = TransactionalPipeline.start(settings().withMaxInFlight(40), echo,
                IntakeGate.ALWAYS_OPEN, PipelineListener.NONE)) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> KAFKA.readAll(out, Duration.ofMillis(300)).size() >= 1_500);
        }

        // then
        assertThat(echo.processed()).isEqualTo(1_500);
        assertThat(echo.maxConcurrency()).isBetween(2, 40);
    }

    @Test
    void should_not_process_committed_records_again_after_a_restart() {
        send(100, 10);
        EchoProcessor first = new EchoProcessor(5);
        try (TransactionalPipeline pipeline = start(first, IntakeGate.ALWAYS_OPEN)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(out, Duration.ofMillis(300)).size() >= 100);
        }

        EchoProcessor second = new EchoProcessor(5);
        send(20, 10);
        try (TransactionalPipeline pipeline = start(second, IntakeGate.ALWAYS_OPEN)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(out, Duration.ofMillis(300)).size() >= 120);
        }

        assertThat(second.processed()).isEqualTo(20);
        assertThat(KAFKA.readAll(out, Duration.ofSeconds(1))).hasSize(120);
    }

    @Test
    void should_redo_unfinished_work_after_an_abrupt_stop_without_duplicating_outputs() {
        Map<String, List<String>> sent = send(300, 30);
        EchoProcessor slow = new EchoProcessor(200);
        PipelineSettings impatient = settings().withDrainTimeout(Duration.ZERO);
        TransactionalPipeline first = TransactionalPipeline.start(impatient, slow, IntakeGate.ALWAYS_OPEN,
                PipelineListener.NONE);
        await().atMost(Duration.ofSeconds(60)).until(() -> slow.processed() > 50);
        first.close(); // gives up whatever is still in flight

        try (TransactionalPipeline second = start(new EchoProcessor(5), IntakeGate.ALWAYS_OPEN)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(out, Duration.ofMillis(300)).size() >= 300);
        }

        List<ConsumerRecord<byte[], byte[]>> outputs = KAFKA.readAll(out, Duration.ofSeconds(1));
        assertThat(outputs).hasSize(300);
        assertThat(valuesByKey(outputs)).isEqualTo(sent);
    }

    @Test
    void should_send_a_record_whose_processing_fails_to_the_dead_letter_topic_and_carry_on() {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(record("k1", "fine-1"));
            producer.send(record("k1", "boom"));
            producer.send(record("k1", "fine-2"));
        }
        RecordProcessor failsOnBoom = inbound -> {
            String value = new String(inbound.value(), StandardCharsets.UTF_8);
            if (value.equals("boom")) {
                return CompletableFuture.failedFuture(new IllegalStateException("a bug"));
            }
            return CompletableFuture.completedFuture(List.of(OutboundRecord.of(out, "k1", inbound.value())));
        };

        try (TransactionalPipeline pipeline = start(failsOnBoom, IntakeGate.ALWAYS_OPEN)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(out, Duration.ofMillis(300)).size() >= 2);
        }

        assertThat(KAFKA.readAll(out, Duration.ofMillis(500)))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("fine-1", "fine-2");
        List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readAll(dlq, Duration.ofMillis(500));
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("boom");
        assertThat(header(letter, DeadLetters.ERROR)).isEqualTo(DeadLetters.PROCESSING_ERROR);
        assertThat(header(letter, DeadLetters.ORIGIN_TOPIC)).isEqualTo(in);
        assertThat(header(letter, DeadLetters.ORIGIN_OFFSET)).isEqualTo("1");
    }

    @Test
    void should_take_nothing_in_while_the_gate_is_closed() {
        send(50, 5);
        AtomicBoolean open = new AtomicBoolean(false);
        EchoProcessor echo = new EchoProcessor(1);

        try (TransactionalPipeline pipeline = start(echo, open::get)) {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> echo.processed() == 0);
            open.set(true);
            await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(out, Duration.ofMillis(300)).size() >= 50);
        }

        assertThat(echo.processed()).isEqualTo(50);
    }

    private TransactionalPipeline start(RecordProcessor processor, IntakeGate gate) {
        return TransactionalPipeline.start(settings(), processor, gate, PipelineListener.NONE);
    }

    private PipelineSettings settings() {
        return PipelineSettings.of(KafkaConnection.of(KAFKA.bootstrapServers()), group, in, dlq, "test-" + group)
                .withTransactionTimeout(Duration.ofSeconds(10))
                .withMaxInFlight(200);
    }

    /** Sends {@code count} records over {@code keys} keys; returns the values per key in send order. */
    private Map<String, List<String>> send(int count, int keys) {
        Map<String, List<String>> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                String key = "key-" + random.nextInt(keys);
                String value = key + "#" + sent.computeIfAbsent(key, k -> new ArrayList<>()).size() + "-" + seed + "-" + i;
                sent.get(key).add(value);
                producer.send(record(key, value));
            }
        }
        return sent;
    }

    private static Map<String, List<String>> valuesByKey(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().collect(Collectors.groupingBy(
                r -> new String(r.key(), StandardCharsets.UTF_8),
                Collectors.mapping(r -> new String(r.value(), StandardCharsets.UTF_8), Collectors.toList())));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()));
    }

    private ProducerRecord<byte[], byte[]> record(String key, String value) {
        return new ProducerRecord<>(in, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Echoes each input to the output topic after a random delay, and watches concurrency. */
    private final class EchoProcessor implements RecordProcessor {

        private final int maxDelayMs;
        private final AtomicInteger processed = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger maxRunning = new AtomicInteger();
        private final Map<String, AtomicInteger> runningPerKey = new ConcurrentHashMap<>();
        private final Set<Integer> maxPerKey = ConcurrentHashMap.newKeySet();

        EchoProcessor(int maxDelayMs) {
            this.maxDelayMs = maxDelayMs;
        }

        @Override
        public CompletableFuture<List<OutboundRecord>> process(InboundRecord inbound) {
            String key = new String(inbound.key(), StandardCharsets.UTF_8);
            AtomicInteger perKey = runningPerKey.computeIfAbsent(key, k -> new AtomicInteger());
            maxPerKey.add(perKey.incrementAndGet());
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            CompletableFuture<List<OutboundRecord>> result = new CompletableFuture<>();
            int delay = ThreadLocalRandomDelay.next(maxDelayMs);
            TIMER.schedule(() -> {
                perKey.decrementAndGet();
                running.decrementAndGet();
                processed.incrementAndGet();
                result.complete(List.of(OutboundRecord.of(out, key, inbound.value())));
            }, delay, TimeUnit.MILLISECONDS);
            return result;
        }

        int processed() {
            return processed.get();
        }

        int maxConcurrency() {
            return maxRunning.get();
        }

        int maxConcurrencyPerKey() {
            return maxPerKey.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    private static final class ThreadLocalRandomDelay {
        static int next(int max) {
            return max <= 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextInt(max + 1);
        }
    }
}

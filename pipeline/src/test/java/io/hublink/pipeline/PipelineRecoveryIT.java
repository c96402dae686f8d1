package io.hublink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.testkit.kafka.BrokerOptions;
import io.hublink.testkit.kafka.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipeline's recovery paths on a real broker that the tests can stop and restart: a transaction the broker aborts
 * on its timeout, a fenced producer, a broker outage longer than the clients' timeouts, a rebalance, and a record
 * still in flight that holds the committed offset back. Each ends with exactly one output per input, in order per key,
 * and a pipeline that is still running.
 */
@Timeout(value = 360, unit = TimeUnit.SECONDS)
class PipelineRecoveryIT {

    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2);
    private static final AtomicInteger RUN = new AtomicInteger();
    private static EmbeddedKafkaBroker broker;

    private final long seed = Long.getLong("pipeline.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final List<TransactionalPipeline> started = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private String in;
    private String out;
    private String dlq;
    private String group;

    @BeforeAll
    static void startBroker() {
        Path dir = Path.of("target", "pipeline-recovery-broker-" + System.nanoTime()).toAbsolutePath();
        broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults().withDataDir(dir));
    }

    @AfterAll
    static void stopBroker() throws java.io.IOException {
        TIMER.shutdownNow();
        broker.close();
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(broker.dataDir())) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                java.nio.file.Files.deleteIfExists(path);
            }
        }
    }

    @BeforeEach
    void topics() throws Exception {
        int run = RUN.incrementAndGet();
        in = "in-" + run;
        out = "out-" + run;
        dlq = "dlq-" + run;
        group = "group-" + run;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(in, 3, (short) 1),
                    new org.apache.kafka.clients.admin.NewTopic(out, 3, (short) 1),
                    new org.apache.kafka.clients.admin.NewTopic(dlq, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicCreator.awaitLeaders(admin, List.of(in, out, dlq), Duration.ofSeconds(30));
        }
        System.out.println("PipelineRecoveryIT random seed " + seed + " (replay with -Dpipeline.seed=" + seed + ")");
    }

    @AfterEach
    void stopPipelines() {
        started.forEach(TransactionalPipeline::close);
    }

    @Test
    void should_abort_and_redo_a_transaction_that_the_broker_aborted_on_its_timeout() throws Exception {
        Map<String, List<String>> sent = send(200, 20);
        HoldingProducers producers = new HoldingProducers();
        producers.holdNextCommitUntilTheBrokerAbortsIt(group);
        TransactionalPipeline pipeline = start(settings().withTransactionTimeout(Duration.ofSeconds(2)),
                new EchoProcessor(5), producers);

        awaitOutputs(200);

        assertThat(producers.heldCommits()).isEqualTo(1);
        assertThat(listener.recoveries).as("the failed transaction was recovered from").isNotEmpty();
        assertExactlyOnce(sent);
        assertThat(pipeline.termination()).isNotDone();
    }

    @Test
    void should_give_up_its_work_and_recover_by_itself_when_its_producer_is_fenced() {
        Map<String, List<String>> sent = send(300, 30);
        EchoProcessor slow = new EchoProcessor(40);
        TransactionalPipeline pipeline = start(settings(), slow);
        await().atMost(Duration.ofSeconds(60)).until(() -> slow.processed() > 60);

        // Another process starts with the same transactional id (a restarted instance whose old self is still alive).
        try (KafkaProducer<byte[], byte[]> usurper = new KafkaProducer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "transactional.id", transactionalId(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            usurper.initTransactions();
        }
        sent = merge(sent, send(100, 30)); // so there surely is a next transaction, which meets the fence

        awaitOutputs(400);
        assertThat(listener.recoveries).as("the fencing was noticed and recovered from").isNotEmpty();
        assertExactlyOnce(sent);
        assertThat(pipeline.termination()).isNotDone();
    }

    @Test
    void should_keep_running_through_a_broker_outage_longer_than_its_client_timeouts() throws Exception {
        Map<String, List<String>> sent = send(200, 20);
        EchoProcessor echo = new EchoProcessor(20);
        PipelineSettings impatientClients = settings().withConnection(new KafkaConnection(broker.bootstrapServers(),
                Map.of("max.block.ms", "1500", "default.api.timeout.ms", "1500", "request.timeout.ms", "1000",
                        "delivery.timeout.ms", "2500", "linger.ms", "2")));
        TransactionalPipeline pipeline = start(impatientClients, echo);
        await().atMost(Duration.ofSeconds(60)).until(() -> echo.processed() > 50);

        broker.close();
        Thread.sleep(6_000); // several client timeouts long
        broker = EmbeddedKafkaBroker.start(broker.options().withPort(broker.port()).withDataDir(broker.dataDir()));
        sent = merge(sent, send(100, 20));

        awaitOutputs(300);
        assertExactlyOnce(sent);
        assertThat(pipeline.termination()).as("the pipeline survived the outage").isNotDone();
    }

    @Test
    void should_never_commit_an_offset_past_a_record_still_in_flight() throws Exception {
        // One partition's worth of records, all keys distinct so nothing waits on key order.
        List<String> values = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 20; i++) {
                values.add("v" + i);
                producer.send(new ProducerRecord<>(in, 0, bytes("k" + i), bytes("v" + i)));
            }
        }
        CompletableFuture<Void> releaseFifth = new CompletableFuture<>();
        RecordProcessor holdsTheFifth = inbound -> {
            CompletableFuture<List<OutboundRecord>> result = CompletableFuture.completedFuture(
                    List.of(new OutboundRecord(out, inbound.key(), inbound.value(), Map.of())));
            return inbound.offset() == 4 ? releaseFifth.thenCompose(ignored -> result) : result;
        };
        TransactionalPipeline pipeline = start(settings(), holdsTheFifth);

        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset(0) == 4);
        Thread.sleep(1_000); // the later records finished long ago; still nothing past the held one may commit
        assertThat(committedOffset(0)).isEqualTo(4);
        // Outputs go to the output partitions of their keys, so only the set of visible outputs is ordered here.
        assertThat(readAll(out)).extracting(r -> text(r.value())).containsExactlyInAnyOrder("v0", "v1", "v2", "v3");

        releaseFifth.complete(null);

        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset(0) == 20);
        assertThat(readAll(out)).extracting(r -> text(r.value())).containsExactlyInAnyOrderElementsOf(values);
        assertThat(pipeline.termination()).isNotDone();
    }

    @Test
    void should_hand_partitions_over_on_rebalance_and_after_an_abrupt_stop_without_loss_or_duplicates() {
        Map<String, List<String>> sent = send(400, 40);
        // Slow (about 50 records a second) so that the first instance holds work in flight when the group rebalances.
        EchoProcessor slowFirst = new EchoProcessor(400);
        TransactionalPipeline first = start(settings().withDrainTimeout(Duration.ZERO).withMaxInFlight(20), slowFirst);
        await().atMost(Duration.ofSeconds(60)).until(() -> slowFirst.processed() > 40);

        // A second instance joins: the first revokes, commits what is complete and drops the rest.
        EchoProcessor second = new EchoProcessor(10);
        start(settings("second").withDrainTimeout(Duration.ZERO), second);
        await().atMost(Duration.ofSeconds(60)).until(() -> membersWithPartitions() == 2);
        sent = merge(sent, send(100, 40));
        await().atMost(Duration.ofSeconds(60)).until(() -> second.processed() > 0);
        // The first stops with work in flight; the second takes everything over from the committed offsets.
        first.close();

        awaitOutputs(500);
        assertExactlyOnce(sent);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private TransactionalPipeline start(PipelineSettings settings, RecordProcessor processor) {
        TransactionalPipeline pipeline = TransactionalPipeline.start(settings, processor, IntakeGate.ALWAYS_OPEN,
                listener);
        started.add(pipeline);
        return pipeline;
    }

    private TransactionalPipeline start(PipelineSettings settings, RecordProcessor processor, PipelineClients clients) {
        TransactionalPipeline pipeline = TransactionalPipeline.start(settings, processor, IntakeGate.ALWAYS_OPEN,
                listener, clients);
        started.add(pipeline);
        return pipeline;
    }

    private PipelineSettings settings() {
        return settings("first");
    }

    private PipelineSettings settings(String instance) {
        return PipelineSettings.of(KafkaConnection.of(broker.bootstrapServers()), group, in, dlq,
                        transactionalId(instance))
                .withTransactionTimeout(Duration.ofSeconds(10))
                .withMaxInFlight(200);
    }

    private String transactionalId() {
        return transactionalId("first");
    }

    private String transactionalId(String instance) {
        return "test-" + group + "-" + instance;
    }

    private void awaitOutputs(int count) {
        // Generous: recovery waits out client timeouts and backoffs, which stretch on a loaded 2-core machine.
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                .until(() -> readAll(out, Duration.ofMillis(300)).size() >= count);
    }

    private void assertExactlyOnce(Map<String, List<String>> sent) {
        List<ConsumerRecord<byte[], byte[]>> outputs = readAll(out);
        assertThat(outputs).hasSize(sent.values().stream().mapToInt(List::size).sum());
        Map<String, List<String>> byKey = outputs.stream().collect(Collectors.groupingBy(
                r -> text(r.key()), Collectors.mapping(r -> text(r.value()), Collectors.toList())));
        assertThat(byKey).as("every input once, in offset order per key").isEqualTo(sent);
        assertThat(readAll(dlq, Duration.ofMillis(200))).isEmpty();
    }

    private int membersWithPartitions() throws Exception {
        try (Admin admin = admin()) {
            return (int) admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group)
                    .members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    private long committedOffset(int partition) throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(in, partition));
            return offset == null ? -1 : offset.offset();
        }
    }

    private Map<String, List<String>> send(int count, int keys) {
        Map<String, List<String>> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                String key = "key-" + random.nextInt(keys);
                String value = key + "#" + sent.computeIfAbsent(key, k -> new ArrayList<>()).size() + "-" + seed + "-"
                        + System.nanoTime();
                sent.get(key).add(value);
                producer.send(new ProducerRecord<>(in, bytes(key), bytes(value)));
            }
        }
        return sent;
    }

    private static Map<String, List<String>> merge(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> all = new HashMap<>();
        a.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        b.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return all;
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(topic, Duration.ofSeconds(1));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration idle) {
        return ReadCommitted.readAll(broker.bootstrapServers(), topic, idle);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()));
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Records what the pipeline reports. */
    private static final class RecordingListener implements PipelineListener {
        final List<String> recoveries = new CopyOnWriteArrayList<>();
        final AtomicInteger committedInputs = new AtomicInteger();

        @Override
        public void committed(int inputs, int outputs) {
            committedInputs.addAndGet(inputs);
        }

        @Override
        public void recovered(String reason) {
            recoveries.add(reason);
        }
    }

    /**
     * Real Kafka producers, one of whose commits is held back (on the poll thread, as a long GC pause would) until
     * the broker has aborted the transaction for exceeding its timeout.
     */
    private static final class HoldingProducers implements PipelineClients {
        private final AtomicInteger held = new AtomicInteger();
        private volatile String holdForGroup;

        void holdNextCommitUntilTheBrokerAbortsIt(String group) {
            holdForGroup = group;
        }

        int heldCommits() {
            return held.get();
        }

        @Override
        public Producer<byte[], byte[]> producer(java.util.Properties properties) {
            Producer<byte[], byte[]> real = PipelineClients.KAFKA.producer(properties);
            String transactionalId = properties.getProperty("transactional.id");
            return (Producer<byte[], byte[]>) java.lang.reflect.Proxy.newProxyInstance(
                    Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commitTransaction") && holdForGroup != null) {
                            holdForGroup = null;
                            held.incrementAndGet();
                            awaitAbortedByTheBroker(transactionalId);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer(java.util.Properties properties) {
            return PipelineClients.KAFKA.consumer(properties);
        }

        private static void awaitAbortedByTheBroker(String transactionalId) {
            try (Admin admin = admin()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    TransactionState state = admin.describeTransactions(List.of(transactionalId)).all()
                            .get(10, TimeUnit.SECONDS).get(transactionalId).state();
                    return state != TransactionState.ONGOING;
                });
            }
        }
    }

    /** Echoes each input to the output topic after a random delay. */
    private final class EchoProcessor implements RecordProcessor {
        private final int maxDelayMs;
        private final AtomicInteger processed = new AtomicInteger();

        EchoProcessor(int maxDelayMs) {
            this.maxDelayMs = maxDelayMs;
        }

        @Override
        public CompletableFuture<List<OutboundRecord>> process(InboundRecord inbound) {
            CompletableFuture<List<OutboundRecord>> result = new CompletableFuture<>();
            int delay = maxDelayMs <= 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextInt(maxDelayMs + 1);
            TIMER.schedule(() -> {
                processed.incrementAndGet();
                result.complete(List.of(new OutboundRecord(out, inbound.key(), inbound.value(), Map.of())));
            }, delay, TimeUnit.MILLISECONDS);
            return result;
        }

        int processed() {
            return processed.get();
        }
    }
}

package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.tail.TopicReader;
import io.hublink.events.AccountLinked;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.events.LinkRequested;
import io.hublink.events.LinkedAccount;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.TopicCreator;
import io.hublink.schemas.EventIds;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.KeyringFile;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.kafka.BrokerOptions;
import io.hublink.testkit.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN's delivery guarantee, the hard way: two workers and a publisher, each a JVM from the built jar, against a
 * broker in this JVM; at least 5,000 requests fed while workers are killed with SIGKILL at random moments and
 * restarted with the same instance id (and, in the second test, while the broker restarts on its data directory).
 * At the end, read with {@code read_committed}: exactly one outcome per request, none missing, none extra, each the
 * verdict the simulator's answer calls for, in request order per account; exactly one notification per outcome.
 *
 * <p>The random seed is printed; {@code -Dcrash.seed=N} replays the same requests and the same kill plan.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashIT {

    private static final int REQUESTS = 5_000;
    private static final HublinkTopics TOPICS = HublinkTopics.ofDefaults();
    /** A dead worker's partitions move to the other after this; the broker's minimum. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration AWAIT_OUTCOMES = Duration.ofSeconds(150);

    private final long seed = Long.getLong("crash.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final JarProcesses processes =
            new JarProcesses("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private final List<String> timeline = new CopyOnWriteArrayList<>();
    private final long startedAt = System.nanoTime();
    private EmbeddedKafkaBroker broker;
    private ClickUpSimulator clickUp;
    private Path brokerDir;
    private LiveCount liveOutcomes;

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() throws IOException {
        if (liveOutcomes != null) {
            liveOutcomes.finish();
        }
        processes.close();
        if (clickUp != null) {
            clickUp.close();
        }
        if (broker != null) {
            broker.close();
        }
        deleteRecursively(brokerDir);
        System.out.println("CrashIT timeline (seed " + seed + "):\n  " + String.join("\n  ", timeline));
    }

    @Test
    void should_give_exactly_one_outcome_and_one_notification_per_request_while_workers_are_killed()
            throws Exception {
        run(ChaosPlan.of(random, false));
    }

    @Test
    void should_give_exactly_one_outcome_and_one_notification_per_request_while_workers_are_killed_and_the_broker_restarts()
            throws Exception {
        run(ChaosPlan.of(random, true));
    }

    private void run(ChaosPlan plan) throws Exception {
        System.out.println("CrashIT random seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
        note("start");
        CrashPopulation population = CrashPopulation.of(random, REQUESTS);
        brokerDir = Path.of("target", "crash-it-broker-" + seed + "-" + System.nanoTime()).toAbsolutePath();
        broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults().withDataDir(brokerDir));
        String bootstrap = broker.bootstrapServers();
        TopicCreator.ensure(KafkaConnection.of(bootstrap), TOPICS);
        clickUp = ClickUpSimulator.start(population.scenario(), 0);
        Keyring keyring = Keyring.generate();
        Path keys = dir.resolve("keys.json");
        KeyringFile.writeNew(keys, keyring);
        Path kafkaConfig = dir.resolve("kafka.properties");
        Files.writeString(kafkaConfig, "session.timeout.ms=" + SESSION_TIMEOUT.toMillis() + "\n"
                + "heartbeat.interval.ms=1000\n");
        List<String> common = List.of("--bootstrap-servers", bootstrap, "--kafka-config", kafkaConfig.toString(),
                "--transaction-timeout", "5s");
        Map<String, Role> roles = new LinkedHashMap<>();
        for (String id : List.of("w1", "w2")) {
            roles.put(id, new Role(id, concat(List.of("worker", "--clickup-url", clickUp.url(), "--keys",
                    keys.toString(), "--instance-id", id), common)));
        }
        roles.put("p1", new Role("p1", concat(List.of("publisher", "--instance-id", "p1"), common)));
        note("broker, simulator and topics ready");
        for (Role role : roles.values()) {
            role.start();
        }
        liveOutcomes = new LiveCount(bootstrap, TOPICS.outcomes());
        liveOutcomes.start();
        note("plan: " + plan);

        for (Role role : roles.values()) {
            role.awaitStarted();
        }
        note("workers and publisher started");
        Feeder feeder = new Feeder(bootstrap, keyring, population.requests(), plan.duration());
        feeder.start();
        long firstOutcomeBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (liveOutcomes.count.get() == 0 && System.nanoTime() < firstOutcomeBy) {
            Thread.sleep(50);
        }
        note("first outcomes committed; the chaos begins");
        plan.execute(this, roles);
        feeder.join(Duration.ofSeconds(180).toMillis());
        assertThat(feeder.isAlive()).as("the feeder finished").isFalse();
        assertThat(feeder.failures).as("every request was published").isEmpty();
        note("all " + REQUESTS + " requests published");

        awaitCommitted(bootstrap, roles);
        note("all outcomes and notifications committed");
        for (Role role : roles.values()) {
            role.assertAlive();
        }
        assertExactlyOnce(bootstrap, population);
    }

    // ---- the checks ----------------------------------------------------------------------------------------------

    private void awaitCommitted(String bootstrap, Map<String, Role> roles) throws InterruptedException {
        long end = System.nanoTime() + AWAIT_OUTCOMES.toNanos();
        int outcomes = 0;
        int notifications = 0;
        while (System.nanoTime() < end) {
            for (Role role : roles.values()) {
                role.assertAlive();
            }
            outcomes = readAll(bootstrap, TOPICS.outcomes(), Duration.ofMillis(500)).size();
            notifications = readAll(bootstrap, TOPICS.notifications(), Duration.ofMillis(500)).size();
            if (outcomes >= REQUESTS && notifications >= REQUESTS) {
                return;
            }
            note("waiting: " + outcomes + " outcomes, " + notifications + " notifications committed");
            Thread.sleep(1_000);
        }
        throw new AssertionError("after " + AWAIT_OUTCOMES + ": " + outcomes + " outcomes and " + notifications
                + " notifications of " + REQUESTS + " requests; seed " + seed);
    }

    private void assertExactlyOnce(String bootstrap, CrashPopulation population) {
        Map<String, CrashPopulation.Request> sent = population.requests().stream()
                .collect(Collectors.toMap(CrashPopulation.Request::requestId, Function.identity()));
        // The processes are still running: a duplicate committed a moment late would still be seen.
        List<ConsumerRecord<byte[], byte[]>> requestRecords = readAll(bootstrap, TOPICS.requests(), Duration.ofSeconds(1));
        List<ConsumerRecord<byte[], byte[]>> outcomeRecords = readAll(bootstrap, TOPICS.outcomes(), Duration.ofSeconds(2));
        List<ConsumerRecord<byte[], byte[]>> notificationRecords =
                readAll(bootstrap, TOPICS.notifications(), Duration.ofSeconds(1));

        List<String> requestIds = requestRecords.stream()
                .map(r -> ((LinkRequested) LinkEvents.decode(r.value())).getRequestId()).collect(Collectors.toList());
        assertThat(requestIds).as("the feed published each request once").doesNotHaveDuplicates()
                .hasSize(REQUESTS);

        List<SpecificRecord> outcomes = outcomeRecords.stream().map(r -> LinkEvents.decode(r.value()))
                .collect(Collectors.toList());
        Map<String, Long> outcomesPerRequest = outcomes.stream()
                .collect(Collectors.groupingBy(LinkEvents::requestIdOf, Collectors.counting()));
        assertThat(outcomesPerRequest.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                .as("requests with more than one outcome (seed %d)", seed).isEmpty();
        assertThat(sent.keySet().stream().filter(id -> !outcomesPerRequest.containsKey(id)))
                .as("requests without an outcome (seed %d)", seed).isEmpty();
        assertThat(outcomesPerRequest.keySet()).as("outcomes of requests never made").isEqualTo(sent.keySet());

        for (SpecificRecord outcome : outcomes) {
            CrashPopulation.Request request = sent.get(LinkEvents.requestIdOf(outcome));
            if (request.expected() == CrashPopulation.Expected.LINKED) {
                assertThat(outcome).as("verdict of %s", request.requestId()).isInstanceOf(AccountLinked.class);
            } else {
                assertThat(outcome).as("verdict of %s", request.requestId()).isInstanceOf(LinkFailed.class);
                assertThat(((LinkFailed) outcome).getReason()).as("reason of %s", request.requestId())
                        .isEqualTo(request.expected().reason);
            }
            assertThat(LinkEvents.eventIdOf(outcome)).isEqualTo(EventIds.outcomeEventId(request.requestId()));
        }

        // Outcomes are keyed by account, so one account's are in one partition: their offset order is their order.
        Map<String, List<String>> decidedOrder = new HashMap<>();
        outcomeRecords.stream()
                .sorted(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .forEach(r -> decidedOrder.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8),
                        a -> new ArrayList<>()).add(LinkEvents.requestIdOf(LinkEvents.decode(r.value()))));
        assertThat(decidedOrder).as("each account's requests decided in the order they were made")
                .isEqualTo(population.requestOrderByAccount());

        List<LinkNotification> notifications = notificationRecords.stream()
                .map(r -> (LinkNotification) LinkEvents.decode(r.value())).collect(Collectors.toList());
        Map<String, Long> notificationsPerOutcome = notifications.stream()
                .collect(Collectors.groupingBy(LinkNotification::getSourceEventId, Collectors.counting()));
        assertThat(notificationsPerOutcome.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                .as("outcomes with more than one notification (seed %d)", seed).isEmpty();
        assertThat(notificationsPerOutcome.keySet()).as("one notification per outcome")
                .isEqualTo(outcomes.stream().map(LinkEvents::eventIdOf).collect(Collectors.toSet()));
        assertThat(notifications).allSatisfy(n ->
                assertThat(n.getNotificationId()).isEqualTo(EventIds.notificationId(n.getSourceEventId())));

        // Written in the same transaction as each AccountLinked (the active segment is never compacted meanwhile).
        Map<String, Long> linkedPerAccount = outcomes.stream().filter(o -> o instanceof AccountLinked)
                .collect(Collectors.groupingBy(o -> ((AccountLinked) o).getAccountId(), Collectors.counting()));
        Map<String, Long> recordedPerAccount = readAll(bootstrap, TOPICS.accounts(), Duration.ofSeconds(1)).stream()
                .map(r -> ((LinkedAccount) LinkEvents.decode(r.value())).getAccountId())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(recordedPerAccount).as("one linked-account record per AccountLinked").isEqualTo(linkedPerAccount);
        assertThat(readAll(bootstrap, TOPICS.dlq(), Duration.ofMillis(500))).as("dead letters").isEmpty();
        assertThat(transactionalIds(bootstrap)).as("transactional.id is hublink-<role>-<instance id>")
                .contains("hublink-worker-w1", "hublink-worker-w2", "hublink-publisher-p1");
        note("checked: " + outcomes.size() + " outcomes, " + notifications.size() + " notifications, "
                + decidedOrder.size() + " accounts in order");
    }

    private static java.util.Set<String> transactionalIds(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new AssertionError("cannot list transactions", e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, Duration idle) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (TopicReader reader = new TopicReader(KafkaConnection.of(bootstrap), topic)) {
            reader.readUntilIdle(Optional.of(idle), records::add);
        }
        return records;
    }

    // ---- chaos ---------------------------------------------------------------------------------------------------

    void note(String event) {
        String line = String.format("%6.1f s  %5d outcomes  %s", (System.nanoTime() - startedAt) / 1e9,
                liveOutcomes == null ? 0 : liveOutcomes.count.get(), event);
        timeline.add(line);
        System.out.println("CrashIT " + line);
    }

    void restartBroker() {
        note("broker: restarting on " + broker.dataDir() + " (port " + broker.port() + ")");
        broker = broker.restart();
        note("broker: back at " + broker.bootstrapServers());
    }

    /**
     * When to kill whom and for how long, drawn from the seed: four worker kills (at least one outlasting the session
     * timeout, so the other worker takes over), one publisher kill, and optionally a broker restart.
     */
    record ChaosPlan(List<Step> steps) {

        record Step(String what, long waitMs, long downMs) {
        }

        static ChaosPlan of(Random random, boolean restartBroker) {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                steps.add(new Step(random.nextBoolean() ? "w1" : "w2", between(random, 1_500, 4_000),
                        between(random, 500, 9_000)));
            }
            boolean takeOver = steps.stream().anyMatch(s -> s.downMs() > SESSION_TIMEOUT.toMillis() + 1_500);
            if (!takeOver) {
                Step last = steps.remove(steps.size() - 1);
                steps.add(new Step(last.what(), last.waitMs(), SESSION_TIMEOUT.toMillis() + 2_500));
            }
            steps.add(random.nextInt(steps.size() + 1), new Step("p1", between(random, 1_000, 3_000),
                    between(random, 500, 4_000)));
            if (restartBroker) {
                steps.add(2 + random.nextInt(2), new Step("broker", between(random, 1_000, 3_000), 0));
            }
            return new ChaosPlan(List.copyOf(steps));
        }

        Duration duration() {
            return Duration.ofMillis(steps.stream().mapToLong(s -> s.waitMs() + s.downMs()).sum());
        }

        void execute(CrashIT test, Map<String, Role> roles) throws Exception {
            for (Step step : steps) {
                Thread.sleep(step.waitMs());
                if (step.what().equals("broker")) {
                    test.restartBroker();
                    continue;
                }
                Role role = roles.get(step.what());
                for (Role other : roles.values()) {
                    other.assertAlive();
                }
                int exit = role.kill();
                test.note(role.id + ": SIGKILL (exit " + exit + "); back in " + step.downMs() + " ms");
                assertThat(exit).as("destroyForcibly is SIGKILL").isEqualTo(JarProcesses.KILLED);
                Thread.sleep(step.downMs());
                role.start();
                test.note(role.id + ": restarted with the same --instance-id");
            }
        }

        private static long between(Random random, int from, int to) {
            return from + random.nextInt(to - from + 1);
        }

        @Override
        public String toString() {
            return steps.stream().map(s -> s.what() + " after " + s.waitMs() + " ms"
                    + (s.downMs() > 0 ? " down " + s.downMs() + " ms" : "")).collect(Collectors.joining(", "));
        }
    }

    /** One role of the jar (a worker or the publisher) under one instance id, restarted as often as it is killed. */
    private final class Role {
        final String id;
        final List<String> args;
        JarProcesses.Child current;
        final AtomicInteger starts = new AtomicInteger();

        Role(String id, List<String> args) {
            this.id = id;
            this.args = args;
        }

        void start() throws IOException {
            current = processes.start(id + "#" + starts.incrementAndGet(), args.toArray(new String[0]));
        }

        int kill() throws InterruptedException {
            return current.kill();
        }

        void awaitStarted() throws InterruptedException {
            current.awaitLog(" started", Duration.ofSeconds(60));
        }

        /** A role that ended by itself (not killed by the test) is a failure: the guarantee includes staying up. */
        void assertAlive() {
            if (!current.isAlive()) {
                throw new AssertionError(id + " exited by itself with " + current.process.exitValue()
                        + " (seed " + seed + "):\n" + current.stderrTail());
            }
        }
    }

    /** Publishes the requests at an even pace over the chaos, so kills land while work is in flight. */
    private final class Feeder extends Thread {
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final String bootstrap;
        private final Keyring keyring;
        private final List<CrashPopulation.Request> requests;
        private final Duration over;

        Feeder(String bootstrap, Keyring keyring, List<CrashPopulation.Request> requests, Duration over) {
            super("crash-feeder");
            setDaemon(true);
            this.bootstrap = bootstrap;
            this.keyring = keyring;
            this.requests = requests;
            this.over = over;
        }

        @Override
        public void run() {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true, "linger.ms", 5,
                    "key.serializer", ByteArraySerializer.class.getName(),
                    "value.serializer", ByteArraySerializer.class.getName()))) {
                long begin = System.nanoTime();
                for (int i = 0; i < requests.size(); i++) {
                    long due = begin + over.toNanos() * i / requests.size();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    CrashPopulation.Request r = requests.get(i);
                    LinkRequested event = LinkEvents.request(keyring, r.requestId(), r.accountId(), r.token(),
                            r.workspace());
                    producer.send(new ProducerRecord<>(TOPICS.requests(), r.accountId().getBytes(StandardCharsets.UTF_8),
                            LinkEvents.CODEC.encode(event)), (metadata, error) -> {
                                if (error != null) {
                                    failures.add(error.toString());
                                }
                            });
                }
                producer.flush();
            } catch (InterruptedException e) {
                failures.add("interrupted");
            }
        }
    }

    /** Counts the committed records of a topic as they come, for the timeline. */
    private static final class LiveCount extends Thread {
        final AtomicInteger count = new AtomicInteger();
        private final TopicReader reader;

        LiveCount(String bootstrap, String topic) {
            super("crash-live-count");
            setDaemon(true);
            reader = new TopicReader(KafkaConnection.of(bootstrap), topic);
        }

        @Override
        public void run() {
            try {
                reader.readUntilIdle(Optional.empty(), r -> count.incrementAndGet());
            } catch (RuntimeException e) {
                // the test is over
            } finally {
                reader.close();
            }
        }

        void finish() {
            reader.stop();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }
}

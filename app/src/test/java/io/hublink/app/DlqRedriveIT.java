package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.events.AccountLinked;
import io.hublink.events.LinkRequested;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.TopicCreator;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.KeyringFile;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlq redrive} as an operator uses it, worker and redrive each a JVM from the built jar: a request sealed under
 * a key the worker lacks goes to the dead-letter topic only; the key is deployed and the worker restarted; the redrive
 * republishes it, and the request gets its outcome, the only one it ever gets, however often the redrive runs.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DlqRedriveIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final String TOKEN = "pk_81234567_REDRIVEITJANE0000000000000000000";
    private static final String WORKSPACE = "9012345678";
    private static final HublinkTopics TOPICS = HublinkTopics.ofDefaults();

    private final JarProcesses processes = new JarProcesses("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private ClickUpSimulator clickUp;

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        processes.close();
        if (clickUp != null) {
            clickUp.close();
        }
    }

    @Test
    void should_decide_a_request_with_an_unknown_key_exactly_once_after_the_key_is_deployed_and_it_is_redriven()
            throws Exception {
        clickUp = ClickUpSimulator.start(Scenario.empty()
                .withAccount(Account.of(TOKEN, User.of(1, "Jane", "jane@example.com"),
                        Workspace.of(WORKSPACE, "Example", 1)))
                .withLatency(Duration.ofMillis(5)), 0);
        TopicCreator.ensure(KafkaConnection.of(KAFKA.bootstrapServers()), TOPICS);
        Keyring deployed = Keyring.generate();
        Path workerKeys = dir.resolve("worker-keys.json");
        KeyringFile.writeNew(workerKeys, deployed);
        // A rotation done out of order: the requester encrypts under a new key before the workers have it.
        Keyring rotated = deployed.withNewKey();
        rotated = rotated.activate(rotated.newestKeyId());

        JarProcesses.Child worker = startWorker(workerKeys);
        LinkRequested early = LinkEvents.request(rotated, UUID.randomUUID().toString(), "acc-x", TOKEN, WORKSPACE);
        LinkRequested after = LinkEvents.request(deployed, UUID.randomUUID().toString(), "acc-x", TOKEN, WORKSPACE);
        LinkRequested other = LinkEvents.request(deployed, UUID.randomUUID().toString(), "acc-y", TOKEN, WORKSPACE);
        publish(early, after, other);

        // The unknown key id: a dead letter only; the records after it are decided.
        Map<String, SpecificRecord> outcomes = awaitOutcomes(2);
        assertThat(outcomes).containsOnlyKeys(after.getRequestId(), other.getRequestId());
        List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readAll(TOPICS.dlq(), Duration.ofMillis(500));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.ERROR)).isEqualTo(DeadLetters.UNKNOWN_KEY_ID);

        // Deploy the key and restart the worker on the new keyring file; then redrive.
        KeyringFile.write(workerKeys, rotated);
        worker.stop();
        startWorker(workerKeys);
        JarProcesses.Child redrive = processes.start("redrive", "dlq", "redrive",
                "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(redrive.awaitExit(Duration.ofSeconds(90))).as(redrive.stderrTail()).isZero();
        assertThat(redrive.stdout).last().isEqualTo("redriven 1 skipped 0");

        outcomes = awaitOutcomes(3);
        assertThat(outcomes.get(early.getRequestId())).isInstanceOf(AccountLinked.class);

        // Again: nothing left to republish, and still one outcome per request.
        JarProcesses.Child again = processes.start("redrive-again", "dlq", "redrive",
                "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(again.awaitExit(Duration.ofSeconds(90))).as(again.stderrTail()).isZero();
        assertThat(again.stdout).containsExactly("redriven 0 skipped 0");
        Thread.sleep(2_000);
        assertThat(awaitOutcomes(3)).hasSize(3);
        assertThat(KAFKA.readAll(TOPICS.dlq(), Duration.ofMillis(500))).hasSize(1);
    }

    private JarProcesses.Child startWorker(Path keys) throws Exception {
        return processes.start("worker", "worker", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--clickup-url", clickUp.url(), "--keys", keys.toString(), "--instance-id", "w1",
                "--transaction-timeout", "5s");
    }

    /** Waits for {@code count} committed outcomes and fails on any request with more than one. */
    private Map<String, SpecificRecord> awaitOutcomes(int count) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                KAFKA.readAll(TOPICS.outcomes(), Duration.ofMillis(300)).size() >= count);
        List<SpecificRecord> outcomes = KAFKA.readAll(TOPICS.outcomes(), Duration.ofSeconds(1)).stream()
                .map(r -> LinkEvents.decode(r.value())).collect(Collectors.toList());
        Map<String, SpecificRecord> byRequest = outcomes.stream()
                .collect(Collectors.toMap(LinkEvents::requestIdOf, Function.identity()));
        assertThat(byRequest).as("one outcome per request").hasSize(outcomes.size()).hasSize(count);
        return byRequest;
    }

    private static void publish(LinkRequested... requests) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(), "acks", "all",
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            for (LinkRequested request : requests) {
                producer.send(new ProducerRecord<>(TOPICS.requests(),
                        request.getAccountId().getBytes(StandardCharsets.UTF_8), LinkEvents.CODEC.encode(request)));
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

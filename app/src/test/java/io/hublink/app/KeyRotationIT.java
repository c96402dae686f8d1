package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.testing.HublinkProcesses;
import io.hublink.app.testing.HublinkProcesses.Child;
import io.hublink.app.testing.RawTopics;
import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkRequested;
import io.hublink.events.LinkedAccount;
import io.hublink.events.Purpose;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.SecretToken;
import io.hublink.schemas.envelope.EnvelopeBinding;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.KeyringFile;
import io.hublink.schemas.envelope.TokenEnvelope;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN "Secrets" through the commands an operator runs: two-phase key rotation ({@code keys add}, deploy the file,
 * {@code keys activate}) never lets a worker meet a key it lacks, and it opens envelopes under the old and the new
 * key; an envelope moved to another tenant, account or workspace input fails closed in the worker; a keyring others
 * can read is reported on standard error. The worker, {@code request} and {@code keys} run as their own JVMs from the
 * jar; the broker and ClickUp are in this JVM (each test uses its own accounts, the topics are the defaults).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KeyRotationIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final String TOKEN = "pk_81234567_KEYROTATIONIT00000000000000000000";
    private static final String MOVED_TOKEN = "pk_81234568_KEYROTATIONITMOVED000000000000000";
    private static final String WORKSPACE = "9012345678";
    private static final Duration COMMAND = Duration.ofSeconds(90);

    private static ClickUpSimulator clickUp;

    private final HublinkProcesses processes = new HublinkProcesses();
    private final HublinkTopics topics = HublinkTopics.ofDefaults();
    private final EventCodec codec = EventCodec.ofDefaults();

    @TempDir
    Path dir;

    @BeforeAll
    static void startClickUp() {
        clickUp = ClickUpSimulator.start(Scenario.empty()
                .withAccount(Account.of(TOKEN, User.of(1, "Jane", "jane@example.com"),
                        Workspace.of(WORKSPACE, "Example Workspace", 1)))
                .withAccount(Account.of(MOVED_TOKEN, User.of(2, "John", "john@example.com"),
                        Workspace.of(WORKSPACE, "Example Workspace", 1)))
                .withLatency(Duration.ofMillis(5)), 0);
    }

    @AfterAll
    static void stopClickUp() {
        clickUp.close();
    }

    @AfterEach
    void stopProcesses() {
        processes.close();
    }

    @Test
    void should_link_under_the_old_and_the_new_key_when_rotation_goes_add_then_deploy_then_activate() throws Exception {
        // given: the operator's keyring, deployed to a running worker
        Path keys = dir.resolve("keys.json");
        Path deployed = dir.resolve("worker-keys.json");
        assertThat(processes.run(COMMAND, "keys", "generate", "--out", keys.toString()).awaitExit(COMMAND)).isZero();
        String oldKey = KeyringFile.read(keys).activeKeyId();
        deploy(keys, deployed);
        Child worker = startWorker(deployed, "rotation");
        request(keys, "acc-rot-before");
        awaitOutcomes(Set.of("acc-rot-before"));

        // when: add (the worker still has the old file), deploy with a rolling restart, then activate
        Child add = processes.run(COMMAND, "keys", "add", "--keys", keys.toString());
        assertThat(add.awaitExit(COMMAND)).isZero();
        String newKey = KeyringFile.read(keys).newestKeyId();
        assertThat(add.stdout()).singleElement().asString().startsWith("added key " + newKey + " (not active");
        request(keys, "acc-rot-added");
        awaitOutcomes(Set.of("acc-rot-added"));
        deploy(keys, deployed);
        worker.stop();
        startWorker(deployed, "rotation");
        Child activate = processes.run(COMMAND, "keys", "activate", newKey, "--keys", keys.toString());
        assertThat(activate.awaitExit(COMMAND)).isZero();
        assertThat(activate.stdout()).containsExactly("activated key " + newKey);
        request(keys, "acc-rot-after");
        // and an envelope sealed under the old key comes back, as a re-validation of the stored link does
        LinkedAccount stored = linkedAccount("acc-rot-before");
        publish(revalidationOf(stored));

        // then
        Map<String, List<SpecificRecord>> outcomes = awaitOutcomes(
                Set.of("acc-rot-before", "acc-rot-added", "acc-rot-after"), 4);
        assertThat(envelopeKeyIds()).containsEntry("acc-rot-before", Set.of(oldKey))
                .containsEntry("acc-rot-added", Set.of(oldKey)).containsEntry("acc-rot-after", Set.of(newKey));
        assertThat(outcomes.values()).flatMap(list -> list).hasSize(4).allSatisfy(outcome ->
                assertThat(outcome).isInstanceOf(AccountLinked.class));
        assertThat(outcomes.get("acc-rot-before")).extracting(o -> ((AccountLinked) o).getPurpose())
                .containsExactly(Purpose.LINK, Purpose.REVALIDATE);
        assertThat(outcomes.values()).flatMap(list -> list)
                .extracting(o -> ((AccountLinked) o).getTokenFingerprint())
                .as("the fingerprint key does not rotate").containsOnly(stored.getTokenFingerprint());
        assertThat(deadLetters(outcomes.keySet())).as("no instance met a key it lacks").isEmpty();
        Keyring rotated = KeyringFile.read(keys);
        assertThat(rotated.keyIds()).containsExactly(oldKey, newKey);
        assertThat(rotated.activeKeyId()).isEqualTo(newKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
    }

    @Test
    void should_dead_letter_without_an_outcome_an_envelope_under_a_key_activated_before_it_was_deployed()
            throws Exception {
        // given a worker on the first keyring, and an operator who activates a new key without deploying it
        Path keys = dir.resolve("keys.json");
        Path deployed = dir.resolve("worker-keys.json");
        assertThat(processes.run(COMMAND, "keys", "generate", "--out", keys.toString()).awaitExit(COMMAND)).isZero();
        deploy(keys, deployed);
        startWorker(deployed, "skipped-deploy");
        assertThat(processes.run(COMMAND, "keys", "add", "--keys", keys.toString()).awaitExit(COMMAND)).isZero();
        String newKey = KeyringFile.read(keys).newestKeyId();
        assertThat(processes.run(COMMAND, "keys", "activate", newKey, "--keys", keys.toString()).awaitExit(COMMAND))
                .isZero();

        // when: a request sealed under the new key, then one under the old key for the same account (same
        // partition, so once the second has its outcome the first has certainly been handled)
        request(keys, "acc-undeployed");
        request(deployed, "acc-undeployed");

        // then: the first has no outcome and waits in the dead-letter topic (re-drivable once the key is deployed:
        // `dlq redrive`, tested with that command)
        Map<String, List<SpecificRecord>> outcomes = awaitOutcomes(Set.of("acc-undeployed"));
        assertThat(outcomes.get("acc-undeployed")).singleElement().isInstanceOf(AccountLinked.class);
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(Set.of("acc-undeployed"));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(header(record, DeadLetters.ERROR)).isEqualTo("UNKNOWN_KEY_ID");
            assertThat(header(record, DeadLetters.ERROR_DETAIL)).contains(newKey);
        });
    }

    @Test
    void should_fail_closed_when_an_envelope_is_moved_to_another_tenant_account_or_workspace_input()
            throws Exception {
        // given a worker, and an envelope sealed for (t-1, acc-bound, 9012345678)
        Path keys = dir.resolve("keys.json");
        assertThat(processes.run(COMMAND, "keys", "generate", "--out", keys.toString()).awaitExit(COMMAND)).isZero();
        Keyring keyring = KeyringFile.read(keys);
        startWorker(keys, "binding");
        byte[] envelope = TokenEnvelope.seal(keyring, SecretToken.of(MOVED_TOKEN),
                new EnvelopeBinding("t-1", "acc-bound", WORKSPACE));
        long callsBefore = clickUp.callCount(MOVED_TOKEN);

        // when it is published for another tenant, another account, another typed workspace (one that normalises
        // to the same id), and where it belongs
        publish(request("t-2", "acc-bound", WORKSPACE, envelope));
        publish(request("t-1", "acc-bound-elsewhere", WORKSPACE, envelope));
        publish(request("t-1", "acc-bound-url", "https://app.clickup.com/" + WORKSPACE + "/home", envelope));
        publish(request("t-1", "acc-bound", WORKSPACE, envelope));

        // then only the last one links; the others fail closed, with a dead-letter copy, and were never sent
        Map<String, List<SpecificRecord>> outcomes = awaitOutcomes(
                Set.of("acc-bound", "acc-bound-elsewhere", "acc-bound-url"), 4);
        List<SpecificRecord> sameAccount = outcomes.get("acc-bound");
        assertThat(sameAccount).hasSize(2);
        assertThat(sameAccount.get(0)).isInstanceOfSatisfying(LinkFailed.class, failed -> {
            assertThat(failed.getTenantId()).isEqualTo("t-2");
            assertThat(failed.getReason()).isEqualTo(FailureReason.CREDENTIALS_UNREADABLE);
        });
        assertThat(sameAccount.get(1)).isInstanceOf(AccountLinked.class);
        for (String account : List.of("acc-bound-elsewhere", "acc-bound-url")) {
            assertThat(outcomes.get(account)).singleElement().isInstanceOfSatisfying(LinkFailed.class, failed -> {
                assertThat(failed.getReason()).isEqualTo(FailureReason.CREDENTIALS_UNREADABLE);
                assertThat(failed.getRetryable()).isFalse();
            });
        }
        assertThat(deadLetters(outcomes.keySet())).hasSize(3).allSatisfy(record ->
                assertThat(header(record, DeadLetters.ERROR)).isEqualTo("ENVELOPE_UNREADABLE"));
        assertThat(clickUp.callCount(MOVED_TOKEN) - callsBefore).as("ClickUp calls, for the bound request only")
                .isEqualTo(2);
    }

    @Test
    void should_warn_on_standard_error_when_the_keyring_of_a_worker_or_request_can_be_read_by_others()
            throws Exception {
        // given
        Path keys = dir.resolve("keys.json");
        assertThat(processes.run(COMMAND, "keys", "generate", "--out", keys.toString()).awaitExit(COMMAND)).isZero();
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r-----"));
        String warning = "keyring " + keys + " can be read or changed by its group or others (mode rw-r-----): "
                + "restrict it with chmod 600";

        // when
        Child worker = startWorker(keys, "readable");
        Child request = request(keys, "acc-readable");
        awaitOutcomes(Set.of("acc-readable"));
        worker.stop();

        // then
        for (Child child : List.of(worker, request)) {
            assertThat(child.stderr()).as(child.name()).anyMatch(line -> line.contains(" WARN ")
                    && line.endsWith(warning));
            assertThat(child.stdout()).as(child.name()).noneMatch(line -> line.contains("can be read"));
        }
    }

    private Child startWorker(Path keys, String instance) throws Exception {
        Child worker = processes.start("worker", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--clickup-url", clickUp.url(), "--keys", keys.toString(), "--instance-id", instance);
        return worker;
    }

    /** Publishes one request for {@code account} with the {@code request} command, sealed under {@code keys}. */
    private Child request(Path keys, String account) throws Exception {
        Path file = dir.resolve("request-" + UUID.randomUUID() + ".jsonl");
        Files.writeString(file, "{\"tenantId\":\"t-1\",\"accountId\":\"" + account + "\",\"token\":\"" + TOKEN
                + "\",\"workspace\":\"" + WORKSPACE + "\"}\n");
        Child request = processes.run(COMMAND, "request", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--keys", keys.toString(), "--file", file.toString());
        assertThat(request.awaitExit(COMMAND)).as(request.allOutput()).isZero();
        assertThat(request.stdout()).containsExactly("published 1");
        return request;
    }

    /** What deploying the keyring to an instance means here: its own copy of the file, mode kept. */
    private static void deploy(Path keys, Path instanceCopy) throws Exception {
        Files.copy(keys, instanceCopy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private LinkRequested revalidationOf(LinkedAccount account) {
        return LinkRequested.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setTenantId(account.getTenantId())
                .setAccountId(account.getAccountId()).setProvider("clickup")
                .setWorkspaceId(account.getWorkspaceInput()).setToken(account.getToken())
                .setPurpose(Purpose.REVALIDATE).setRequestedAt(Instant.now()).build();
    }

    private static LinkRequested request(String tenant, String account, String workspace, byte[] envelope) {
        return LinkRequested.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setTenantId(tenant).setAccountId(account)
                .setProvider("clickup").setWorkspaceId(workspace).setToken(ByteBuffer.wrap(envelope))
                .setPurpose(Purpose.LINK).setRequestedAt(Instant.now()).build();
    }

    private void publish(LinkRequested request) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topics.requests(),
                    request.getAccountId().getBytes(StandardCharsets.UTF_8), codec.encode(request)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** The outcomes of these accounts, in offset order, once there is one per account (or {@code total}). */
    private Map<String, List<SpecificRecord>> awaitOutcomes(Set<String> accounts) throws Exception {
        return awaitOutcomes(accounts, accounts.size());
    }

    private Map<String, List<SpecificRecord>> awaitOutcomes(Set<String> accounts, int total) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, List<SpecificRecord>> byAccount = Map.of();
        while (System.nanoTime() < end) {
            byAccount = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : RawTopics.readAll(KAFKA.bootstrapServers(),
                    topics.outcomes(), true, Duration.ofMillis(500))) {
                SpecificRecord outcome = codec.decode(record.value());
                String account = outcome instanceof AccountLinked ? ((AccountLinked) outcome).getAccountId()
                        : ((LinkFailed) outcome).getAccountId();
                if (accounts.contains(account)) {
                    byAccount.computeIfAbsent(account, a -> new java.util.ArrayList<>()).add(outcome);
                }
            }
            if (byAccount.keySet().equals(accounts)
                    && byAccount.values().stream().mapToInt(List::size).sum() >= total) {
                return byAccount;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("outcomes for " + accounts + ": " + byAccount.keySet());
    }

    /** The key ids the requests of each account were sealed under. */
    private Map<String, Set<String>> envelopeKeyIds() throws Exception {
        Map<String, Set<String>> byAccount = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : RawTopics.readAll(KAFKA.bootstrapServers(), topics.requests(),
                true, Duration.ofMillis(500))) {
            LinkRequested request = codec.decode(record.value(), LinkRequested.class);
            byte[] envelope = new byte[request.getToken().remaining()];
            request.getToken().duplicate().get(envelope);
            byAccount.computeIfAbsent(request.getAccountId(), a -> new java.util.HashSet<>())
                    .add(TokenEnvelope.keyIdOf(envelope).orElse("?"));
        }
        return byAccount;
    }

    private LinkedAccount linkedAccount(String account) throws Exception {
        return RawTopics.readAll(KAFKA.bootstrapServers(), topics.accounts(), true, Duration.ofMillis(500)).stream()
                .filter(r -> r.value() != null && new String(r.key(), StandardCharsets.UTF_8).equals(account))
                .map(r -> {
                    try {
                        return codec.decode(r.value(), LinkedAccount.class);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no linked account " + account));
    }

    /** The dead letters of these accounts (the topic is shared by the class's tests; each has its own accounts). */
    private List<ConsumerRecord<byte[], byte[]>> deadLetters(Set<String> accounts) {
        return RawTopics.readAll(KAFKA.bootstrapServers(), topics.dlq(), true, Duration.ofMillis(500)).stream()
                .filter(r -> accounts.contains(new String(r.key(), StandardCharsets.UTF_8)))
                .collect(Collectors.toList());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package io.hublink.worker;

import static io.hublink.worker.LinkRequestBuilder.aLinkRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkRequested;
import io.hublink.events.LinkedAccount;
import io.hublink.events.Role;
import io.hublink.events.Workspace;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.PipelineListener;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.EventIds;
import io.hublink.schemas.SecretToken;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.TokenFingerprint;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Fault;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The worker against a real broker and the ClickUp simulator over loopback HTTP; asserts on committed records. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinkerWorkerIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    static final String JANE = "pk_81234567_WORKERITJANE000000000000000000000";
    static final String JANE_OLD = "pk_81234567_WORKERITJANEOLD000000000000000000";
    static final String GUEST = "pk_81122334_WORKERITGUEST00000000000000000000";
    static final String UNKNOWN = "pk_80000000_WORKERITNOBODY0000000000000000000";
    private static final AtomicInteger RUN = new AtomicInteger();

    private final EventCodec codec = EventCodec.ofDefaults();
    private final Keyring keyring = Keyring.generate();
    private HublinkTopics topics;
    private ClickUpSimulator clickUp;
    private LinkerWorker worker;

    @BeforeEach
    void start() {
        int run = RUN.incrementAndGet();
        topics = new HublinkTopics("req-" + run, "out-" + run, "note-" + run, "dlq-" + run, "acc-" + run, 3);
        Scenario scenario = Scenario.empty()
                .withAccount(Account.of(JANE, User.of(12345678, "Jane Example", "jane@example.com"),
                        io.hublink.testkit.clickup.Workspace.of("9012345678", "Example Workspace", 1),
                        io.hublink.testkit.clickup.Workspace.of("1234567", "Old Small Workspace", 2)))
                .withAccount(Account.of(GUEST, User.of(11223344, "Guest Person", "guest@example.com"),
                        io.hublink.testkit.clickup.Workspace.of("9012345678", "Example Workspace", 4)))
                .withRevokedToken(JANE_OLD)
                .withLatency(Duration.ofMillis(5))
                .withRateLimitPerMinute(10_000);
        clickUp = ClickUpSimulator.start(scenario, 0);
        worker = LinkerWorker.start(LinkerWorker.WorkerSettings.of(KafkaConnection.of(KAFKA.bootstrapServers()),
                URI.create(clickUp.url()), keyring, "it-" + run).withTopics(topics), PipelineListener.NONE);
    }

    @AfterEach
    void stop() {
        worker.close();
        clickUp.close();
    }

    @Test
    void should_link_a_valid_token_and_record_the_linked_account() {
        LinkRequestBuilder request = aLinkRequest().withToken(JANE).withWorkspace("9012345678");

        publish(request.sealedWith(keyring));

        AccountLinked linked = (AccountLinked) awaitOutcomes(1).get(request.requestId());
        assertThat(linked.getEventId()).isEqualTo(EventIds.outcomeEventId(request.requestId()));
        assertThat(linked.getWorkspaceId()).isEqualTo("9012345678");
        assertThat(linked.getWorkspaceName()).isEqualTo("Example Workspace");
        assertThat(linked.getAuthorizedWorkspaces()).extracting(Workspace::getId).containsExactly("9012345678", "1234567");
        assertThat(linked.getUser().getUsername()).isEqualTo("Jane Example");
        assertThat(linked.getRole()).isEqualTo(Role.OWNER);
        assertThat(linked.getTokenFingerprint()).isEqualTo(TokenFingerprint.of(keyring, SecretToken.of(JANE)));

        List<ConsumerRecord<byte[], byte[]>> accounts = KAFKA.readAll(topics.accounts(), Duration.ofMillis(500));
        assertThat(accounts).hasSize(1);
        LinkedAccount account = decode(accounts.get(0).value(), LinkedAccount.class);
        assertThat(account.getAccountId()).isEqualTo(request.accountId());
        assertThat(account.getWorkspaceInput()).isEqualTo("9012345678");
        assertThat(account.getTokenFingerprint()).isEqualTo(linked.getTokenFingerprint());
    }

    @Test
    void should_decide_every_row_of_the_verdict_table() {
        Map<String, LinkRequestBuilder> requests = new HashMap<>();
        requests.put("regenerated", aLinkRequest().withToken(JANE_OLD));
        requests.put("unknown", aLinkRequest().withToken(UNKNOWN));
        requests.put("foreign workspace", aLinkRequest().withToken(JANE).withWorkspace("9099999999"));
        requests.put("empty token", aLinkRequest().withToken(""));
        requests.put("token with CR LF", aLinkRequest().withToken(JANE + "\r\nX-Injected: 1"));
        requests.put("workspace URL", aLinkRequest().withToken(JANE).withWorkspace("https://app.clickup.com/9012345678/home"));
        requests.put("pasted with Bearer", aLinkRequest().withToken("  Bearer " + JANE + "\n").withWorkspace("app.clickup.com/t/9012345678/PROJ-7"));
        requests.put("guest", aLinkRequest().withToken(GUEST));
        requests.put("workspace name", aLinkRequest().withToken(JANE).withWorkspace("Example Workspace"));
        requests.put("token as workspace", aLinkRequest().withToken("9012345678").withWorkspace(JANE));
        requests.values().forEach(r -> publish(r.sealedWith(keyring)));

        Map<String, SpecificRecord> outcomes = awaitOutcomes(requests.size());

        assertFailed(outcomes.get(requests.get("regenerated").requestId()), FailureReason.TOKEN_INVALID, "OAUTH_025");
        assertFailed(outcomes.get(requests.get("unknown").requestId()), FailureReason.TOKEN_INVALID, "OAUTH_019");
        LinkFailed foreign = assertFailed(outcomes.get(requests.get("foreign workspace").requestId()),
                FailureReason.WORKSPACE_NOT_AUTHORIZED, null);
        assertThat(foreign.getAuthorizedWorkspaces()).extracting(Workspace::getName)
                .containsExactly("Example Workspace", "Old Small Workspace");
        assertThat(foreign.getUserMessage()).contains("Example Workspace").contains("9012345678");
        assertFailed(outcomes.get(requests.get("empty token").requestId()), FailureReason.TOKEN_MALFORMED, null);
        assertFailed(outcomes.get(requests.get("token with CR LF").requestId()), FailureReason.TOKEN_MALFORMED, null);
        assertThat(outcomes.get(requests.get("workspace URL").requestId())).isInstanceOf(AccountLinked.class);
        assertThat(outcomes.get(requests.get("pasted with Bearer").requestId())).isInstanceOf(AccountLinked.class);
        assertThat(((AccountLinked) outcomes.get(requests.get("guest").requestId())).getRole()).isEqualTo(Role.GUEST);
        assertFailed(outcomes.get(requests.get("workspace name").requestId()), FailureReason.WORKSPACE_ID_INVALID, null);
        LinkFailed tokenAsWorkspace = assertFailed(outcomes.get(requests.get("token as workspace").requestId()),
                FailureReason.WORKSPACE_ID_INVALID, null);
        assertThat(tokenAsWorkspace.getWorkspaceId()).isEqualTo("[redacted]");
        // The malformed tokens were never sent: ClickUp saw only well-formed ones.
        assertThat(clickUp.callCount(JANE + "\r\nX-Injected: 1")).isZero();
        assertThat(clickUp.unauthenticatedCalls()).isZero();
    }

    @Test
    void should_route_poison_records_as_design_says_and_move_on() throws Exception {
        String account = "acc-poison";
        LinkRequestBuilder tampered = aLinkRequest().withAccount(account).withToken(JANE);
        byte[] envelope = envelopeOf(tampered.sealedWith(keyring));
        envelope[envelope.length - 1] ^= 0x01;
        LinkRequestBuilder original = aLinkRequest().withAccount("acc-elsewhere").withToken(JANE);
        LinkRequestBuilder moved = aLinkRequest().withAccount(account).withToken(JANE);
        LinkRequestBuilder unknownKey = aLinkRequest().withAccount(account).withToken(JANE);
        LinkRequestBuilder noTenant = aLinkRequest().withAccount(account).withTenant("").withToken(JANE);
        LinkRequestBuilder valid = aLinkRequest().withAccount(account).withToken(JANE);

        send(account, "not avro at all".getBytes(StandardCharsets.UTF_8));
        send(account, new byte[DeadLetters.MAX_VALUE_BYTES + 10]);
        publish(tampered.withEnvelope(envelope));
        publish(moved.withEnvelope(envelopeOf(original.sealedWith(keyring))));
        publish(unknownKey.sealedWith(Keyring.generate()));
        publish(noTenant.sealedWith(keyring));
        publish(valid.sealedWith(keyring));

        Map<String, SpecificRecord> outcomes = awaitOutcomes(4);
        assertFailed(outcomes.get(tampered.requestId()), FailureReason.CREDENTIALS_UNREADABLE, null);
        assertFailed(outcomes.get(moved.requestId()), FailureReason.CREDENTIALS_UNREADABLE, null);
        assertFailed(outcomes.get(noTenant.requestId()), FailureReason.REQUEST_INVALID, null);
        assertThat(outcomes.get(valid.requestId())).isInstanceOf(AccountLinked.class);
        assertThat(outcomes).doesNotContainKey(unknownKey.requestId());

        List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readAll(topics.dlq(), Duration.ofSeconds(1));
        assertThat(dead).extracting(r -> header(r, DeadLetters.ERROR)).containsExactly(
                "NOT_AVRO", "VALUE_TOO_LARGE", "ENVELOPE_UNREADABLE", "ENVELOPE_UNREADABLE", "UNKNOWN_KEY_ID", "MISSING_ID");
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, DeadLetters.ORIGIN_TOPIC)).isEqualTo(topics.requests());
            assertThat(r.value().length).isLessThanOrEqualTo(DeadLetters.MAX_VALUE_BYTES);
        });
        assertThat(header(dead.get(1), DeadLetters.PAYLOAD_TRUNCATED)).isEqualTo("true");
    }

    @Test
    void should_retry_through_a_short_outage_and_link_instead_of_failing() {
        clickUp.injectFault(Fault.ofStatus(503));
        LinkRequestBuilder request = aLinkRequest().withToken(JANE);
        publish(request.sealedWith(keyring));
        await().atMost(Duration.ofSeconds(20)).until(() -> clickUp.totalCalls() >= 2);

        clickUp.clearFaults();

        assertThat(awaitOutcomes(1).get(request.requestId())).isInstanceOf(AccountLinked.class);
    }

    private static LinkFailed assertFailed(SpecificRecord outcome, FailureReason reason, String providerCode) {
        assertThat(outcome).isInstanceOf(LinkFailed.class);
        LinkFailed failed = (LinkFailed) outcome;
        assertThat(failed.getReason()).isEqualTo(reason);
        assertThat(failed.getRetryable()).isFalse();
        assertThat(failed.getProviderCode()).isEqualTo(providerCode);
        assertThat(failed.getUserMessage()).isNotBlank();
        return failed;
    }

    /** Waits for {@code count} committed outcomes; fails on a duplicate. Keyed by request id. */
    private Map<String, SpecificRecord> awaitOutcomes(int count) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> KAFKA.readAll(topics.outcomes(), Duration.ofMillis(200)).size() >= count);
        List<SpecificRecord> outcomes = KAFKA.readAll(topics.outcomes(), Duration.ofMillis(700)).stream()
                .map(r -> decode(r.value(), SpecificRecord.class))
                .collect(Collectors.toList());
        Map<String, SpecificRecord> byRequest = outcomes.stream().collect(Collectors.toMap(
                o -> o instanceof AccountLinked ? ((AccountLinked) o).getRequestId() : ((LinkFailed) o).getRequestId(),
                o -> o));
        assertThat(byRequest).as("one outcome per request").hasSize(outcomes.size());
        assertThat(outcomes).hasSize(count);
        return byRequest;
    }

    private <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        try {
            return type.cast(codec.decode(bytes));
        } catch (Exception e) {
            throw new AssertionError("undecodable record", e);
        }
    }

    private void publish(LinkRequested request) {
        send(request.getAccountId(), codec.encode(request));
    }

    private void send(String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topics.requests(), key.getBytes(StandardCharsets.UTF_8), value));
        }
    }

    private static byte[] envelopeOf(LinkRequested request) {
        ByteBuffer buffer = request.getToken().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Arrays.copyOf(bytes, bytes.length);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

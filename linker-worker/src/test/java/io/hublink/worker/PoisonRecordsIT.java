package io.hublink.worker;

import static io.hublink.worker.LinkRequestBuilder.aLinkRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkRequested;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.PipelineListener;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.UndecodableEventException;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One poison record of each kind DESIGN names, followed by a good request of the same account (so, the same
 * partition, right after it): the dead letter and/or outcome DESIGN calls for, headers naming the error and the exact
 * origin, never a token, and the good request decided after it: the partition moved on, nothing crash-looped.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoisonRecordsIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final String JANE = "pk_81234567_POISONITJANE00000000000000000000";
    private static final HublinkTopics TOPICS =
            new HublinkTopics("poison-req", "poison-out", "poison-note", "poison-dlq", "poison-acc", 3);
    private static final EventCodec CODEC = EventCodec.ofDefaults();
    private static final Keyring KEYRING = Keyring.generate();
    private static ClickUpSimulator clickUp;
    private static LinkerWorker worker;
    private static KafkaProducer<byte[], byte[]> producer;

    private final String account = "acc-" + UUID.randomUUID();

    @BeforeAll
    static void startWorker() {
        clickUp = ClickUpSimulator.start(Scenario.empty()
                .withAccount(Account.of(JANE, User.of(12345678, "Jane Example", "jane@example.com"),
                        Workspace.of("9012345678", "Example Workspace", 1)))
                .withLatency(Duration.ofMillis(5)), 0);
        worker = LinkerWorker.start(LinkerWorker.WorkerSettings.of(KafkaConnection.of(KAFKA.bootstrapServers()),
                URI.create(clickUp.url()), KEYRING, "poison-it").withTopics(TOPICS), PipelineListener.NONE);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "acks", "all",
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()));
    }

    @AfterAll
    static void stopWorker() {
        producer.close();
        worker.close();
        clickUp.close();
    }

    @Test
    void should_dead_letter_bytes_that_are_not_avro_with_no_outcome() throws Exception {
        byte[] poison = "{\"requestId\": \"not avro at all\"}".getBytes(StandardCharsets.UTF_8);

        RecordMetadata at = send(poison);

        assertDeadLetter(at, poison, "NOT_AVRO");
        assertOnlyTheGoodRequestIsAnswered();
    }

    @Test
    void should_dead_letter_an_unknown_schema_fingerprint_with_no_outcome() throws Exception {
        // What a producer upgraded before its consumers writes: a schema version this worker does not know.
        byte[] known = CODEC.encode(aLinkRequest().withAccount(account).withToken(JANE).sealedWith(KEYRING));
        byte[] poison = known.clone();
        byte[] unknownFingerprint = new byte[8];
        new Random(42).nextBytes(unknownFingerprint);
        System.arraycopy(unknownFingerprint, 0, poison, 2, 8);

        RecordMetadata at = send(poison);

        ConsumerRecord<byte[], byte[]> letter = assertDeadLetter(at, poison, DeadLetters.UNKNOWN_FINGERPRINT);
        assertThat(header(letter, DeadLetters.ERROR_DETAIL)).contains("unknown writer schema fingerprint");
        assertOnlyTheGoodRequestIsAnswered();
    }

    @Test
    void should_dead_letter_a_known_fingerprint_whose_body_does_not_parse() throws Exception {
        byte[] known = CODEC.encode(aLinkRequest().withAccount(account).withToken(JANE).sealedWith(KEYRING));
        byte[] poison = Arrays.copyOf(known, 10 + 3); // the header, then a body cut short

        RecordMetadata at = send(poison);

        assertDeadLetter(at, poison, "CORRUPT_BODY");
        assertOnlyTheGoodRequestIsAnswered();
    }

    @Test
    void should_decode_a_request_written_with_an_older_schema_version_and_link_it() throws Exception {
        EventCodec version1 = EventCodec.writingVersions(Map.of("LinkRequested", 1));
        LinkRequestBuilder old = aLinkRequest().withAccount(account).withToken(JANE);
        byte[] written = version1.encode(old.sealedWith(KEYRING));
        assertThat(Arrays.copyOfRange(written, 2, 10)).as("a v1 fingerprint, not the current one")
                .isNotEqualTo(Arrays.copyOfRange(CODEC.encode(old.sealedWith(KEYRING)), 2, 10));

        send(written);
        LinkRequestBuilder good = aLinkRequest().withAccount(account).withToken(JANE);
        publish(good.sealedWith(KEYRING));

        Map<String, SpecificRecord> outcomes = awaitOutcomesOfAccount(2);
        assertThat(outcomes.get(old.requestId())).isInstanceOf(AccountLinked.class);
        assertThat(outcomes.get(good.requestId())).isInstanceOf(AccountLinked.class);
        assertThat(deadLettersOfAccount()).isEmpty();
    }

    @ParameterizedTest(name = "empty {0}")
    @ValueSource(strings = {"requestId", "tenantId", "accountId"})
    void should_dead_letter_a_request_with_an_empty_required_id_and_answer_it_when_it_can(String field)
            throws Exception {
        LinkRequestBuilder request = aLinkRequest().withAccount(account).withToken(JANE);
        switch (field) {
            case "requestId": request.withRequestId(""); break;
            case "tenantId": request.withTenant(""); break;
            default: request.withAccount(""); break;
        }
        byte[] poison = CODEC.encode(request.sealedWith(KEYRING));

        RecordMetadata at = send(poison); // keyed by the account, as the hub keys it

        ConsumerRecord<byte[], byte[]> letter = assertDeadLetter(at, poison, "MISSING_ID");
        assertThat(header(letter, DeadLetters.ERROR_DETAIL)).isEqualTo(field + " is empty");
        LinkRequestBuilder good = aLinkRequest().withAccount(account).withToken(JANE);
        publish(good.sealedWith(KEYRING));
        if (field.equals("tenantId")) {
            // Request and account ids are readable and the fault is the request's: it is answered, too.
            Map<String, SpecificRecord> outcomes = awaitOutcomesOfAccount(2);
            LinkFailed invalid = (LinkFailed) outcomes.get(request.requestId());
            assertThat(invalid.getReason()).isEqualTo(FailureReason.REQUEST_INVALID);
            assertThat(invalid.getRetryable()).isFalse();
            assertThat(outcomes.get(good.requestId())).isInstanceOf(AccountLinked.class);
        } else {
            // Without a request id or an account id there is nobody to answer.
            Map<String, SpecificRecord> outcomes = awaitOutcomesOfAccount(1);
            assertThat(outcomes).containsOnlyKeys(good.requestId());
        }
    }

    @Test
    void should_dead_letter_an_oversized_value_truncated_with_the_whole_values_digest() throws Exception {
        byte[] poison = new byte[DeadLetters.MAX_VALUE_BYTES + 4_096];
        new Random(7).nextBytes(poison);

        RecordMetadata at = send(poison);

        List<ConsumerRecord<byte[], byte[]>> letters = awaitDeadLettersOfAccount(1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertOrigin(letter, at, "VALUE_TOO_LARGE");
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(poison, DeadLetters.MAX_VALUE_BYTES));
        assertThat(header(letter, DeadLetters.PAYLOAD_TRUNCATED)).isEqualTo("true");
        assertThat(header(letter, DeadLetters.PAYLOAD_SIZE)).isEqualTo(Integer.toString(poison.length));
        assertThat(header(letter, DeadLetters.PAYLOAD_SHA256)).isEqualTo(DeadLetters.sha256Hex(poison));
        assertOnlyTheGoodRequestIsAnswered();
    }

    @Test
    void should_answer_a_tampered_ciphertext_credentials_unreadable_and_keep_a_dead_letter_copy() throws Exception {
        LinkRequestBuilder tampered = aLinkRequest().withAccount(account).withToken(JANE);
        byte[] envelope = envelopeOf(tampered.sealedWith(KEYRING));
        envelope[envelope.length - 1] ^= 0x01;
        byte[] poison = CODEC.encode(tampered.withEnvelope(envelope));

        RecordMetadata at = send(poison);

        assertDeadLetter(at, poison, "ENVELOPE_UNREADABLE");
        assertAnsweredUnreadableThenTheGoodOneLinks(tampered);
    }

    @Test
    void should_answer_a_ciphertext_moved_from_another_account_credentials_unreadable() throws Exception {
        LinkRequestBuilder elsewhere = aLinkRequest().withAccount("acc-elsewhere").withToken(JANE);
        LinkRequestBuilder moved = aLinkRequest().withAccount(account).withToken(JANE);
        byte[] poison = CODEC.encode(moved.withEnvelope(envelopeOf(elsewhere.sealedWith(KEYRING))));

        RecordMetadata at = send(poison);

        assertDeadLetter(at, poison, "ENVELOPE_UNREADABLE");
        assertAnsweredUnreadableThenTheGoodOneLinks(moved);
    }

    @Test
    void should_dead_letter_an_unknown_key_id_with_no_outcome() throws Exception {
        LinkRequestBuilder request = aLinkRequest().withAccount(account).withToken(JANE);
        byte[] poison = CODEC.encode(request.sealedWith(Keyring.generate()));

        RecordMetadata at = send(poison);

        ConsumerRecord<byte[], byte[]> letter = assertDeadLetter(at, poison, DeadLetters.UNKNOWN_KEY_ID);
        assertThat(header(letter, DeadLetters.ERROR_DETAIL)).startsWith("key id ").endsWith(" is not in the keyring");
        assertOnlyTheGoodRequestIsAnswered();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Publishes a good request after the poison and checks it alone is answered, and linked. */
    private void assertOnlyTheGoodRequestIsAnswered() {
        LinkRequestBuilder good = aLinkRequest().withAccount(account).withToken(JANE);
        publish(good.sealedWith(KEYRING));
        Map<String, SpecificRecord> outcomes = awaitOutcomesOfAccount(1);
        assertThat(outcomes).containsOnlyKeys(good.requestId());
        assertThat(outcomes.get(good.requestId())).isInstanceOf(AccountLinked.class);
    }

    private void assertAnsweredUnreadableThenTheGoodOneLinks(LinkRequestBuilder poisoned) {
        LinkRequestBuilder good = aLinkRequest().withAccount(account).withToken(JANE);
        publish(good.sealedWith(KEYRING));
        Map<String, SpecificRecord> outcomes = awaitOutcomesOfAccount(2);
        LinkFailed unreadable = (LinkFailed) outcomes.get(poisoned.requestId());
        assertThat(unreadable.getReason()).isEqualTo(FailureReason.CREDENTIALS_UNREADABLE);
        assertThat(unreadable.getRetryable()).isFalse();
        assertThat(outcomes.get(good.requestId())).isInstanceOf(AccountLinked.class);
        assertThat(clickUp.callCount(JANE)).as("the good request was validated").isPositive();
    }

    /** The account's one dead letter: the poison value whole, headers naming the error and its exact origin. */
    private ConsumerRecord<byte[], byte[]> assertDeadLetter(RecordMetadata at, byte[] poison, String error) {
        ConsumerRecord<byte[], byte[]> letter = awaitDeadLettersOfAccount(1).get(0);
        assertOrigin(letter, at, error);
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(header(letter, DeadLetters.PAYLOAD_TRUNCATED)).isEqualTo("false");
        assertThat(header(letter, DeadLetters.PAYLOAD_SHA256)).isEqualTo(DeadLetters.sha256Hex(poison));
        return letter;
    }

    private void assertOrigin(ConsumerRecord<byte[], byte[]> letter, RecordMetadata at, String error) {
        assertThat(header(letter, DeadLetters.ERROR)).isEqualTo(error);
        assertThat(header(letter, DeadLetters.ORIGIN_TOPIC)).isEqualTo(TOPICS.requests());
        assertThat(header(letter, DeadLetters.ORIGIN_PARTITION)).isEqualTo(Integer.toString(at.partition()));
        assertThat(header(letter, DeadLetters.ORIGIN_OFFSET)).isEqualTo(Long.toString(at.offset()));
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(account);
        // Never a token: not in a header, not in the copied value (which holds only the sealed envelope).
        String everything = new String(letter.value(), StandardCharsets.ISO_8859_1) + letter.headers().toString()
                + Arrays.stream(letter.headers().toArray())
                        .map(h -> new String(h.value(), StandardCharsets.ISO_8859_1)).collect(Collectors.joining());
        assertThat(everything).doesNotContain(JANE).doesNotContain("POISONITJANE");
    }

    private Map<String, SpecificRecord> awaitOutcomesOfAccount(int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> outcomesOfAccount(Duration.ofMillis(200)).size() >= count);
        List<SpecificRecord> outcomes = outcomesOfAccount(Duration.ofMillis(700));
        Map<String, SpecificRecord> byRequest = outcomes.stream().collect(Collectors.toMap(
                o -> o instanceof AccountLinked ? ((AccountLinked) o).getRequestId() : ((LinkFailed) o).getRequestId(),
                o -> o));
        assertThat(outcomes).as("one outcome per request").hasSize(byRequest.size()).hasSize(count);
        return byRequest;
    }

    private List<SpecificRecord> outcomesOfAccount(Duration idle) {
        return KAFKA.readAll(TOPICS.outcomes(), idle).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(account))
                .map(r -> decode(r.value()))
                .collect(Collectors.toList());
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitDeadLettersOfAccount(int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> deadLettersOfAccount().size() >= count);
        List<ConsumerRecord<byte[], byte[]>> letters = deadLettersOfAccount();
        assertThat(letters).hasSize(count);
        return letters;
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLettersOfAccount() {
        return KAFKA.readAll(TOPICS.dlq(), Duration.ofMillis(300)).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(account))
                .collect(Collectors.toList());
    }

    private RecordMetadata send(byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(TOPICS.requests(), account.getBytes(StandardCharsets.UTF_8), value))
                .get(30, TimeUnit.SECONDS);
    }

    private void publish(LinkRequested request) {
        try {
            producer.send(new ProducerRecord<>(TOPICS.requests(), account.getBytes(StandardCharsets.UTF_8),
                    CODEC.encode(request))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot publish", e);
        }
    }

    private static SpecificRecord decode(byte[] bytes) {
        try {
            return CODEC.decode(bytes);
        } catch (UndecodableEventException e) {
            throw new AssertionError("undecodable outcome", e);
        }
    }

    private static byte[] envelopeOf(LinkRequested request) {
        ByteBuffer buffer = request.getToken().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

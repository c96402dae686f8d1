package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hublink.app.testing.HublinkProcesses;
import io.hublink.app.testing.HublinkProcesses.Child;
import io.hublink.app.testing.RawTopics;
import io.hublink.app.testing.SecretScan;
import io.hublink.events.LinkRequested;
import io.hublink.events.Purpose;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.SecretToken;
import io.hublink.schemas.envelope.EnvelopeBinding;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.KeyringFile;
import io.hublink.schemas.envelope.TokenEnvelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN "Secrets": a token never appears in the output of any process hublink starts, at any log level, nor in any
 * record of any topic, nor in a notification. The whole pipeline runs as an operator runs it, one JVM per command
 * (broker, clickup-sim, keys, worker, publisher, request, tail for every topic), all at {@code --log-level TRACE},
 * with distinctive tokens of every kind people paste. Everything they print and every byte on the broker is then
 * searched for every token, as given and encoded (see {@link SecretScan}); the keyring's keys and the Kafka client
 * passwords are searched for too.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NoLeakIT {

    // Each token's printable runs carry a distinctive marker (NOLEAK…), so any part of one that leaks is found.
    static final String VALID = "pk_81234567_NOLEAKVALID000000000000000000000";
    static final String BEARER = "pk_81234568_NOLEAKBEARER00000000000000000000";
    static final String REVOKED = "pk_81234567_NOLEAKREVOKED0000000000000000000";
    static final String UNKNOWN = "pk_80000000_NOLEAKUNKNOWN0000000000000000000";
    static final String CRLF = "pk_81234567_NOLEAKCRLF00000000\r\nX-Injected-NOLEAKCRLF: 1";
    static final String NUL = "pk_81234567_NOLEAKNUL000000000\u0000NOLEAKNULTAIL00000";
    static final String NON_ASCII = "pk_81234567_NOLEAKUNICODE0000\u00e9\u00df\u4e2d\ud83d\udd11NOLEAKUNICODETAIL0";
    static final String SPECIAL = "pk_81234567_NOLEAKSPECIAL+/=%&?#0000000000";
    static final String PASTED = "pk_81234567_NOLEAKPASTEDINWORKSPACE000000000";
    static final String OTHER_KEY = "pk_81234567_NOLEAKOTHERKEY000000000000000000";
    static final String MOVED = "pk_81234567_NOLEAKMOVEDENVELOPE0000000000000";

    static final String SSL_KEY_PASSWORD = "NoLeakSslKeyPassword0000";
    static final String SSL_KEYSTORE_PASSWORD = "NoLeakSslKeystorePassword0000";
    static final String SASL_PASSWORD = "NoLeakSaslPassword0000";

    private static final String WORKSPACE = "9012345678";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND = Duration.ofSeconds(90);

    private final HublinkProcesses processes = new HublinkProcesses();
    private final HublinkTopics topics = HublinkTopics.ofDefaults();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        processes.close();
    }

    @Test
    void should_show_no_token_key_or_password_anywhere_when_every_process_runs_at_trace() throws Exception {
        // given: the pieces, each its own JVM, all at TRACE, Kafka clients configured with (unused) passwords
        Path scenario = write("scenario.json", JSON.writeValueAsString(Map.of(
                "accounts", List.of(account(VALID, 1), account(BEARER, 2)),
                "revokedTokens", List.of(REVOKED),
                "latencyMs", 5)));
        Path kafkaConfig = write("kafka.properties", String.join("\n",
                "security.protocol=PLAINTEXT",
                "ssl.key.password=" + SSL_KEY_PASSWORD,
                "ssl.keystore.password=" + SSL_KEYSTORE_PASSWORD,
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"hublink\" password=\"" + SASL_PASSWORD + "\";"));
        Path keys = dir.resolve("keys.json");
        Path otherKeys = dir.resolve("other-keys.json");

        Child broker = processes.start("broker", "--log-level", "TRACE");
        String bootstrap = broker.awaitLine("READY bootstrap=").substring("READY bootstrap=".length());
        Child sim = processes.start("clickup-sim", "--scenario", scenario.toString(), "--log-level", "TRACE");
        String url = sim.awaitLine("READY url=").substring("READY url=".length());
        assertThat(processes.run(COMMAND, "keys", "generate", "--out", keys.toString(), "--log-level", "TRACE")
                .awaitExit(COMMAND)).isZero();
        assertThat(processes.run(COMMAND, "keys", "generate", "--out", otherKeys.toString(), "--log-level", "TRACE")
                .awaitExit(COMMAND)).isZero();
        Child worker = processes.start("worker", "--bootstrap-servers", bootstrap, "--clickup-url", url,
                "--keys", keys.toString(), "--instance-id", "noleak-w", "--kafka-config", kafkaConfig.toString(),
                "--log-level", "TRACE", "--ops-port", "0");
        Child publisher = processes.start("publisher", "--bootstrap-servers", bootstrap, "--instance-id", "noleak-p",
                "--kafka-config", kafkaConfig.toString(), "--log-level", "TRACE", "--ops-port", "0");

        // when: every kind of token people paste is requested, plus an unknown key id and a moved envelope
        Path requests = write("requests.jsonl", String.join("\n",
                line("acc-valid", VALID, WORKSPACE),
                line("acc-bearer", "  Bearer " + BEARER + "\n", "app.clickup.com/t/" + WORKSPACE + "/PROJ-1"),
                line("acc-revoked", REVOKED, WORKSPACE),
                line("acc-unknown", UNKNOWN, WORKSPACE),
                line("acc-crlf", CRLF, WORKSPACE),
                line("acc-nul", NUL, WORKSPACE),
                line("acc-non-ascii", NON_ASCII, WORKSPACE),
                line("acc-special", SPECIAL, WORKSPACE),
                line("acc-pasted", WORKSPACE, PASTED),
                line("acc-foreign", VALID, "9099999999")));
        Child request = processes.run(COMMAND, "request", "--bootstrap-servers", bootstrap, "--keys", keys.toString(),
                "--file", requests.toString(), "--kafka-config", kafkaConfig.toString(), "--log-level", "TRACE");
        assertThat(request.awaitExit(COMMAND)).as(request.allOutput()).isZero();
        assertThat(request.stdout()).containsExactly("published 10");
        Child otherKeyRequest = processes.run(COMMAND, "request", "--bootstrap-servers", bootstrap,
                "--keys", otherKeys.toString(), "--file", write("other.jsonl", line("acc-other-key", OTHER_KEY,
                        WORKSPACE)).toString(), "--log-level", "TRACE");
        assertThat(otherKeyRequest.awaitExit(COMMAND)).as(otherKeyRequest.allOutput()).isZero();
        publishMovedEnvelope(bootstrap, KeyringFile.read(keys));

        // then: 11 outcomes (the unknown key id has none), a notification each, two dead letters, two links
        awaitRecords(bootstrap, topics.notifications(), 11);
        Map<String, Child> tails = new LinkedHashMap<>();
        for (String topic : List.of("requests", "outcomes", "notifications", "dlq", "accounts")) {
            Child tail = processes.run(COMMAND, "tail", "--bootstrap-servers", bootstrap, "--topic", topic,
                    "--until-idle", "2", "--kafka-config", kafkaConfig.toString(), "--log-level", "TRACE");
            assertThat(tail.awaitExit(COMMAND)).as(tail.allOutput()).isZero();
            tails.put(topic, tail);
        }
        assertThat(tails.get("requests").stdout()).hasSize(12);
        assertThat(tails.get("outcomes").stdout()).hasSize(11);
        assertThat(tails.get("notifications").stdout()).hasSize(11);
        assertThat(tails.get("dlq").stdout()).hasSize(2);
        assertThat(tails.get("accounts").stdout()).hasSize(2);
        assertThat(String.join("\n", tails.get("outcomes").stdout()))
                .contains("\"reason\":\"TOKEN_MALFORMED\"").contains("\"reason\":\"CREDENTIALS_UNREADABLE\"")
                .contains("\"workspaceId\":\"[redacted]\"").contains("\"type\":\"AccountLinked\"");

        Set<String> topicNames = RawTopics.names(bootstrap);
        assertThat(topicNames).contains(topics.requests(), topics.outcomes(), topics.notifications(), topics.dlq(),
                topics.accounts());
        List<ConsumerRecord<byte[], byte[]>> everything = RawTopics.readAll(bootstrap, topicNames, false,
                Duration.ofSeconds(2));
        Map<String, String> opsPages = new LinkedHashMap<>();
        for (Child role : List.of(worker, publisher)) {
            String base = opsBase(role);
            opsPages.put(role.name() + " /metrics", fetch(base + "/metrics"));
        }
        opsPages.put("publisher ops page", fetch(opsBase(publisher) + "/"));
        opsPages.put("publisher ops state", fetch(opsBase(publisher) + "/ops/state.json"));
        assertThat(opsPages.get("worker /metrics")).as("the worker's metrics saw the traffic")
                .contains("hublink_outcomes_total");
        worker.stop();
        publisher.stop();
        sim.stop();
        broker.stop();

        // The captured logs are not trivially empty: the verbose levels did reach every long-running role.
        for (Child child : List.of(broker, worker, publisher, request, tails.get("dlq"))) {
            assertThat(child.stderr()).as(child.name() + " logs at TRACE")
                    .anyMatch(l -> l.contains(" TRACE ")).anyMatch(l -> l.contains(" DEBUG "));
        }
        assertThat(worker.stderr()).as("the worker logs its ClickUp calls at DEBUG")
                .anyMatch(l -> l.contains("DEBUG") && l.contains("o.a.h.c"));
        assertThat(everything).as("records on the broker").hasSizeGreaterThan(40);

        SecretScan tokens = SecretScan.of(Map.ofEntries(
                Map.entry("VALID", VALID), Map.entry("BEARER", BEARER), Map.entry("REVOKED", REVOKED),
                Map.entry("UNKNOWN", UNKNOWN), Map.entry("CRLF", CRLF), Map.entry("NUL", NUL),
                Map.entry("NON_ASCII", NON_ASCII), Map.entry("SPECIAL", SPECIAL), Map.entry("PASTED", PASTED),
                Map.entry("OTHER_KEY", OTHER_KEY), Map.entry("MOVED", MOVED),
                Map.entry("SSL_KEY_PASSWORD", SSL_KEY_PASSWORD),
                Map.entry("SSL_KEYSTORE_PASSWORD", SSL_KEYSTORE_PASSWORD),
                Map.entry("SASL_PASSWORD", SASL_PASSWORD)));
        SecretScan keyMaterial = SecretScan.ofBytes(keyMaterial(keys, otherKeys));
        // Positive control: the scan sees the one token that is on the broker by design, in the request's bytes.
        assertThat(everything.stream().filter(r -> r.topic().equals(topics.requests()))
                .flatMap(r -> tokens.findIn("requests", r.value()).stream()))
                .containsExactly("PASTED (whole) in requests");
        List<String> found = new ArrayList<>();
        for (Child child : processes.all()) {
            found.addAll(tokens.findIn(child.name() + " output", child.allOutput()));
            found.addAll(keyMaterial.findIn(child.name() + " output", child.allOutput()));
        }
        for (ConsumerRecord<byte[], byte[]> record : everything) {
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            // The requests topic carries what the user typed in the workspace field as plain text: that is the
            // upstream service's input, not something hublink writes. Everything hublink derives from it is checked.
            List<String> upstreamPlainText = record.topic().equals(topics.requests()) ? List.of("PASTED") : List.of();
            found.addAll(tokens.findIn(where + " key", record.key(), upstreamPlainText));
            found.addAll(tokens.findIn(where + " value", record.value(), upstreamPlainText));
            for (Header header : record.headers()) {
                found.addAll(tokens.findIn(where + " header " + header.key(), header.value()));
            }
            found.addAll(keyMaterial.findIn(where + " value", record.value()));
        }
        opsPages.forEach((where, text) -> found.addAll(tokens.findIn(where, text)));
        assertThat(found).as("secrets found").isEmpty();
    }

    /** The ops server's base URL, from the one line each role logs when it binds (port 0: any free port). */
    private static String opsBase(Child role) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            for (String line : role.stderr()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("ops server listening on http://[^:]+:(\\d+)")
                        .matcher(line);
                if (m.find()) {
                    return "http://127.0.0.1:" + m.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(role.name() + " logged no ops server line");
    }

    private static String fetch(String url) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    @Test
    void should_show_no_sample_token_when_the_demo_runs_at_trace() throws Exception {
        // given the samples' tokens (the demo encrypts them under a keyring of its own)
        JsonNode scenario = JSON.readTree(NoLeakIT.class.getResourceAsStream("/samples/demo-scenario.json"));
        Map<String, String> samples = new LinkedHashMap<>();
        scenario.get("accounts").forEach(a -> samples.put("account " + a.get("user").get("username").asText(),
                a.get("token").asText()));
        scenario.get("revokedTokens").forEach(t -> samples.put("revoked " + t.asText().substring(0, 12), t.asText()));
        samples.put("OAuth client secret sample", "0a1b2c3d4e5f60718293a4b5c6d7e8f9");

        // when
        Child demo = processes.run(Duration.ofSeconds(240), "demo", "--log-level", "TRACE");

        // then
        assertThat(demo.awaitExit(Duration.ofSeconds(10))).as(demo.stderr().size() + " lines").isZero();
        assertThat(demo.stdout()).anyMatch(l -> l.startsWith("summary: requests=10 outcomes=10"));
        assertThat(demo.stderr()).anyMatch(l -> l.contains(" TRACE ")).anyMatch(l -> l.contains(" DEBUG "));
        assertThat(SecretScan.of(samples).findIn("demo output", demo.allOutput())).isEmpty();
    }

    private void publishMovedEnvelope(String bootstrap, Keyring keyring) throws Exception {
        // Sealed for one account, published for another: CREDENTIALS_UNREADABLE plus a dead-letter copy.
        byte[] envelope = TokenEnvelope.seal(keyring, SecretToken.of(MOVED),
                new EnvelopeBinding("t-1", "acc-victim", WORKSPACE));
        LinkRequested moved = LinkRequested.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setTenantId("t-1").setAccountId("acc-moved")
                .setProvider("clickup").setWorkspaceId(WORKSPACE).setToken(ByteBuffer.wrap(envelope))
                .setPurpose(Purpose.LINK).setRequestedAt(Instant.now()).build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topics.requests(), "acc-moved".getBytes(StandardCharsets.UTF_8),
                    EventCodec.ofDefaults().encode(moved))).get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitRecords(String bootstrap, String topic, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int seen = 0;
        while (System.nanoTime() < end) {
            seen = RawTopics.readAll(bootstrap, topic, true, Duration.ofSeconds(1)).size();
            if (seen >= count) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(topic + ": " + seen + " records, expected " + count);
    }

    private static Map<String, byte[]> keyMaterial(Path... keyrings) throws Exception {
        Map<String, byte[]> material = new LinkedHashMap<>();
        for (Path file : keyrings) {
            JsonNode root = JSON.readTree(file.toFile());
            material.put(file.getFileName() + " fingerprintKey",
                    Base64.getDecoder().decode(root.get("fingerprintKey").asText()));
            root.get("keys").forEach(k -> material.put(file.getFileName() + " key " + k.get("id").asText(),
                    Base64.getDecoder().decode(k.get("key").asText())));
        }
        return material;
    }

    private static Map<String, Object> account(String token, int userId) {
        return Map.of("token", token,
                "user", Map.of("id", userId, "username", "User " + userId, "email", "user" + userId + "@example.com"),
                "workspaces", List.of(Map.of("id", WORKSPACE, "name", "Example Workspace", "role", 1)));
    }

    private static String line(String accountId, String token, String workspace) throws Exception {
        return JSON.writeValueAsString(Map.of("tenantId", "t-1", "accountId", accountId, "token", token,
                "workspace", workspace));
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content + "\n");
        return file;
    }
}

package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.testing.HublinkProcesses;
import io.hublink.app.testing.HublinkProcesses.Child;
import io.hublink.app.testing.SecretScan;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.KeyringFile;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import io.hublink.testkit.kafka.BrokerOptions;
import io.hublink.testkit.kafka.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-config FILE} reaches every Kafka client of every command, and the passwords in it are never printed,
 * at TRACE either. The broker here accepts clients only after SASL/PLAIN authentication on the listener used, so a
 * command that links a request through it proves its clients got the settings.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaSecurityIT {

    private static final String SASL_PASSWORD = "KafkaSecurityItSaslPassword0000";
    private static final String SSL_KEY_PASSWORD = "KafkaSecurityItSslKeyPassword0000";
    private static final String SSL_TRUSTSTORE_PASSWORD = "KafkaSecurityItTrustPassword0000";
    private static final String TOKEN = "pk_81234567_KAFKASECURITYIT000000000000000000";
    private static final Duration COMMAND = Duration.ofSeconds(90);

    private static EmbeddedKafkaBroker broker;
    private static ClickUpSimulator clickUp;

    private final HublinkProcesses processes = new HublinkProcesses();

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrokerAndClickUp() {
        broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults()
                .withSaslPlainUsers(Map.of("hublink", SASL_PASSWORD)));
        clickUp = ClickUpSimulator.start(Scenario.empty()
                .withAccount(Account.of(TOKEN, User.of(1, "Jane", "jane@example.com"),
                        Workspace.of("9012345678", "Example Workspace", 1)))
                .withLatency(Duration.ofMillis(5)), 0);
    }

    @AfterAll
    static void stopBrokerAndClickUp() {
        clickUp.close();
        broker.close();
    }

    @AfterEach
    void stopProcesses() {
        processes.close();
    }

    @Test
    void should_link_through_a_sasl_broker_with_every_client_configured_by_kafka_config_and_never_print_a_password()
            throws Exception {
        // given: a kafka-config with the SASL login, and TLS passwords that this listener does not use
        Path kafkaConfig = kafkaConfig("kafka.properties", "username=\"hublink\" password=\"" + SASL_PASSWORD + "\"");
        Path keys = dir.resolve("keys.json");
        KeyringFile.writeNew(keys, Keyring.generate());
        Path requests = Files.writeString(dir.resolve("requests.jsonl"), "{\"tenantId\":\"t-1\",\"accountId\":"
                + "\"acc-sasl\",\"token\":\"" + TOKEN + "\",\"workspace\":\"9012345678\"}\n");
        String bootstrap = broker.saslBootstrapServers();

        // when: every Kafka-using role runs on the SASL listener, at TRACE
        Child worker = processes.start("worker", "--bootstrap-servers", bootstrap, "--clickup-url", clickUp.url(),
                "--keys", keys.toString(), "--instance-id", "sasl-w", "--kafka-config", kafkaConfig.toString(),
                "--log-level", "TRACE");
        Child publisher = processes.start("publisher", "--bootstrap-servers", bootstrap, "--instance-id", "sasl-p",
                "--kafka-config", kafkaConfig.toString(), "--log-level", "TRACE");
        Child request = processes.run(COMMAND, "request", "--bootstrap-servers", bootstrap, "--keys", keys.toString(),
                "--file", requests.toString(), "--kafka-config", kafkaConfig.toString(), "--log-level", "TRACE");

        // then
        assertThat(request.awaitExit(COMMAND)).as(request.allOutput()).isZero();
        assertThat(request.stdout()).containsExactly("published 1");
        Child outcomes = tailUntil(bootstrap, kafkaConfig, "outcomes", "\"type\":\"AccountLinked\"");
        Child notifications = tailUntil(bootstrap, kafkaConfig, "notifications", "\"kind\":\"ACCOUNT_LINKED\"");
        worker.stop();
        publisher.stop();

        for (Child child : List.of(worker, publisher, request, outcomes, notifications)) {
            assertThat(child.stderr()).as(child.name() + " logs at TRACE").anyMatch(l -> l.contains(" TRACE "));
            // Kafka's configuration dump shows that the settings arrived, with the passwords hidden.
            assertThat(child.stderr()).as(child.name() + " configured for SASL")
                    .anyMatch(l -> l.contains("security.protocol = SASL_PLAINTEXT"))
                    .anyMatch(l -> l.contains("sasl.jaas.config = [hidden]"));
        }
        assertThat(passwordsIn(processes.all())).isEmpty();
    }

    @Test
    void should_not_reach_the_sasl_broker_without_the_kafka_config() throws Exception {
        // A control for the test above: on this listener, a client without the settings gets nowhere.
        Child tail = processes.run(COMMAND, "tail", "--bootstrap-servers", broker.saslBootstrapServers(),
                "--topic", "outcomes", "--until-idle", "1");

        assertThat(tail.awaitExit(COMMAND)).isNotZero();
        assertThat(tail.stdout()).isEmpty();
    }

    @Test
    void should_stop_with_one_line_naming_the_file_and_quote_no_password_when_kafka_refuses_the_settings()
            throws Exception {
        // given a JAAS configuration with an unquoted password that has a space: Kafka's parser names the second word
        Path kafkaConfig = kafkaConfig("bad.properties",
                "username=hublink password=KafkaSecurityIt " + SASL_PASSWORD);

        Path keys = dir.resolve("keys.json");
        KeyringFile.writeNew(keys, Keyring.generate());
        Path requests = Files.writeString(dir.resolve("requests.jsonl"), "{\"tenantId\":\"t-1\",\"accountId\":"
                + "\"acc-bad\",\"token\":\"" + TOKEN + "\",\"workspace\":\"9012345678\"}\n");
        Map<String, List<String>> commands = Map.of(
                "tail", List.of("--topic", "outcomes"),
                "worker", List.of("--keys", keys.toString(), "--clickup-url", clickUp.url(), "--instance-id", "bad"),
                "request", List.of("--keys", keys.toString(), "--file", requests.toString()));
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
            List<String> args = new ArrayList<>(List.of(command.getKey(), "--bootstrap-servers",
                    broker.saslBootstrapServers(), "--kafka-config", kafkaConfig.toString(), "--log-level", "TRACE"));
            args.addAll(command.getValue());

            // when
            Child child = processes.run(COMMAND, args.toArray(String[]::new));

            // then
            assertThat(child.awaitExit(COMMAND)).as(child.allOutput()).isEqualTo(Errors.BAD_INPUT);
        }
        assertThat(processes.all()).allSatisfy(child -> assertThat(child.stderr())
                .filteredOn(l -> l.startsWith("error: ")).singleElement().asString()
                .contains("kafka-config " + kafkaConfig));
        assertThat(passwordsIn(processes.all())).isEmpty();
    }

    private Child tailUntil(String bootstrap, Path kafkaConfig, String topic, String wanted) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            Child tail = processes.run(COMMAND, "tail", "--bootstrap-servers", bootstrap, "--topic", topic,
                    "--until-idle", "2", "--kafka-config", kafkaConfig.toString(), "--log-level", "TRACE");
            assertThat(tail.awaitExit(COMMAND)).as(tail.allOutput()).isZero();
            if (tail.stdout().stream().anyMatch(line -> line.contains(wanted))) {
                return tail;
            }
        }
        throw new AssertionError("no " + wanted + " on " + topic);
    }

    private static List<String> passwordsIn(List<Child> children) {
        SecretScan passwords = SecretScan.of(Map.of("SASL_PASSWORD", SASL_PASSWORD,
                "SSL_KEY_PASSWORD", SSL_KEY_PASSWORD, "SSL_TRUSTSTORE_PASSWORD", SSL_TRUSTSTORE_PASSWORD,
                "TOKEN", TOKEN));
        List<String> found = new ArrayList<>();
        children.forEach(child -> found.addAll(passwords.findIn(child.name() + " output", child.allOutput())));
        return found;
    }

    private Path kafkaConfig(String name, String jaasOptions) throws Exception {
        Path file = Files.writeString(dir.resolve(name), String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required " + jaasOptions
                        + ";",
                "ssl.key.password=" + SSL_KEY_PASSWORD,
                "ssl.truststore.password=" + SSL_TRUSTSTORE_PASSWORD) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}

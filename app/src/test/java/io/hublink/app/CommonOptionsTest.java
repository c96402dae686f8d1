package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hublink.pipeline.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code --kafka-config FILE}: every property reaches the clients; a file of passwords is kept to its owner. */
@Timeout(10)
class CommonOptionsTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"hublink\" password=\"CommonOptionsTestSaslPassword\";";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
    }

    @Test
    void should_pass_tls_and_sasl_properties_through_to_the_connection() throws Exception {
        CommonOptions options = optionsWith(kafkaConfig("rw-------"));

        KafkaConnection connection = options.connection("broker:9093");

        assertThat(connection.clientProperties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.key.password", "CommonOptionsTestKeyPassword");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void should_read_tls_settings_exactly_as_written() throws Exception {
        Path file = Files.writeString(dir.resolve("tls.properties"), String.join("\n",
                "security.protocol=SSL",
                "ssl.truststore.location=/etc/hublink/truststore.p12",
                "ssl.truststore.password=CommonOptionsTestTrustPassword",
                "ssl.endpoint.identification.algorithm=https"));

        assertThat(optionsWith(file).clientProperties())
                .containsEntry("ssl.truststore.location", "/etc/hublink/truststore.p12")
                .containsEntry("ssl.truststore.password", "CommonOptionsTestTrustPassword")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .hasSize(4);
    }

    @Test
    void should_stop_start_up_in_one_line_naming_the_file_when_kafka_refuses_the_settings() throws Exception {
        // given a JAAS configuration with an unquoted password that has a space: Kafka's parser then names a piece
        Path file = Files.writeString(dir.resolve("bad.properties"), String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=hublink password=CommonOptions FragmentOfPassword0000;"));

        // when / then
        assertThatThrownBy(() -> optionsWith(file).connection("broker:9093"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("kafka-config " + file + ": sasl.jaas.config cannot be parsed (quote each value in double "
                        + "quotes, end the entry with ;)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("FragmentOfPassword")
                        .doesNotContain("CommonOptions ").doesNotContain("\n"));
    }

    @Test
    void should_name_a_missing_trust_store_through_kafkas_own_message() throws Exception {
        Path file = Files.writeString(dir.resolve("tls.properties"), String.join("\n",
                "security.protocol=SSL",
                "ssl.truststore.location=" + dir.resolve("absent.p12"),
                "ssl.truststore.password=CommonOptionsTestTrustPassword"));

        assertThatThrownBy(() -> optionsWith(file).connection("broker:9093"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("kafka-config " + file)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("CommonOptionsTestTrustPassword"));
    }

    @Test
    void should_warn_when_others_can_read_a_kafka_config_that_holds_passwords() throws Exception {
        Path file = kafkaConfig("rw-r--r--");

        optionsWith(file).connection("broker:9093");

        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .startsWith("kafka-config " + file).contains("chmod 600").doesNotContain("CommonOptionsTest"));
    }

    @Test
    void should_not_warn_about_a_readable_kafka_config_without_passwords() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.properties"), "security.protocol=SSL\nacks=all\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        optionsWith(file).connection("broker:9093");

        assertThat(warnings()).isEmpty();
    }

    @Test
    void should_recognise_the_settings_that_hold_secrets() {
        assertThat(List.of("ssl.key.password", "ssl.keystore.password", "ssl.truststore.password", "sasl.jaas.config",
                "ssl.keystore.key", "listener.name.sasl_ssl.plain.sasl.jaas.config", "my.plugin.client.secret"))
                .allMatch(KafkaPasswords::isPassword);
        assertThat(List.of("bootstrap.servers", "security.protocol", "sasl.mechanism", "ssl.truststore.location",
                "acks")).noneMatch(KafkaPasswords::isPassword);
    }

    private Path kafkaConfig(String mode) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=" + JAAS,
                "ssl.key.password=CommonOptionsTestKeyPassword"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static CommonOptions optionsWith(Path kafkaConfig) {
        CommonOptions options = new CommonOptions();
        options.kafkaConfig = kafkaConfig;
        return options;
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}

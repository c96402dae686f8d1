package io.hublink.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The optional SASL_PLAINTEXT listener, for tests of clients' security settings. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerSaslIT {

    private static final String PASSWORD = "EmbeddedSaslPassword0000";

    @Test
    void should_serve_clients_that_authenticate_and_refuse_a_wrong_password() throws Exception {
        BrokerOptions options = BrokerOptions.ofDefaults().withSaslPlainUsers(Map.of("hublink", PASSWORD));
        assertThat(options.toString()).contains("hublink").doesNotContain(PASSWORD);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            assertThat(broker.saslBootstrapServers()).isNotEqualTo(broker.bootstrapServers());

            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    client(broker.saslBootstrapServers(), PASSWORD))) {
                producer.send(new ProducerRecord<>("sasl-events", "k".getBytes(StandardCharsets.UTF_8),
                        "v".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }

            try (Admin admin = Admin.create(client(broker.saslBootstrapServers(), "wrong-password"))) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void should_refuse_to_name_a_sasl_listener_it_does_not_have() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults())) {
            assertThatThrownBy(broker::saslBootstrapServers).hasMessageContaining("withSaslPlainUsers");
        }
    }

    private static Map<String, Object> client(String bootstrap, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"hublink\" password=\"" + password + "\";");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return config;
    }
}

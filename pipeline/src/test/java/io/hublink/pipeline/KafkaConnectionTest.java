package io.hublink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class KafkaConnectionTest {

    private static final Map<String, String> CLIENT = Map.of(
            "security.protocol", "SASL_SSL",
            "ssl.key.password", "KafkaConnectionTestKeyPassword",
            "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"hublink\" password=\"KafkaConnectionTestSaslPassword\";");

    @Test
    void should_pass_the_client_properties_to_every_client_under_hublinks_own_settings() {
        KafkaConnection connection = new KafkaConnection("broker:9093", CLIENT);

        Properties props = connection.properties(Map.of("client.id", "hublink-x", "security.protocol", "ours"));

        assertThat(props).containsEntry("ssl.key.password", "KafkaConnectionTestKeyPassword")
                .containsEntry("sasl.jaas.config", CLIENT.get("sasl.jaas.config"))
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("client.id", "hublink-x")
                .containsEntry("security.protocol", "ours");
    }

    @Test
    void should_name_the_client_properties_but_never_show_their_values() {
        String shown = new KafkaConnection("broker:9093", CLIENT).toString();

        assertThat(shown).contains("broker:9093").contains("ssl.key.password").contains("sasl.jaas.config")
                .doesNotContain("KafkaConnectionTest").doesNotContain("SASL_SSL");
    }
}

package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SafeThrowablesTest {

    @Test
    void should_withhold_messages_that_could_quote_a_password_and_keep_the_chain_and_frames() {
        // given what Kafka throws for sasl.jaas.config=… password=NoLeak Fragment; (an unquoted password with a space)
        Throwable failure = new KafkaException("Failed to construct kafka consumer",
                new IllegalArgumentException("Value not specified for key 'Fragment' in JAAS config"));

        // when
        String described = SafeThrowables.describe(failure);

        // then
        assertThat(described).doesNotContain("Fragment")
                .contains("org.apache.kafka.common.KafkaException: Failed to construct kafka consumer")
                .contains("Caused by: java.lang.IllegalArgumentException: " + SafeThrowables.WITHHELD)
                .contains("\tat io.hublink.app.SafeThrowablesTest");
    }

    @Test
    void should_keep_the_messages_of_kafka_and_hublink_configuration_errors() {
        Throwable failure = new ConfigurationException("kafka-config kafka.properties: file not found");
        Throwable kafka = new ConfigException("Invalid value x for configuration acks");

        assertThat(SafeThrowables.describe(failure)).contains("kafka-config kafka.properties: file not found");
        assertThat(SafeThrowables.describe(kafka)).contains("Invalid value x for configuration acks");
    }
}

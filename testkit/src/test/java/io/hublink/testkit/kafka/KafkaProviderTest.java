package io.hublink.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class KafkaProviderTest {

    @Test
    void should_choose_the_embedded_broker_when_nothing_is_asked_for() {
        assertThat(KafkaProvider.from(null)).isEqualTo(KafkaProvider.EMBEDDED);
        assertThat(KafkaProvider.from(" ")).isEqualTo(KafkaProvider.EMBEDDED);
    }

    @Test
    void should_choose_testcontainers_only_when_named() {
        assertThat(KafkaProvider.from("testcontainers")).isEqualTo(KafkaProvider.TESTCONTAINERS);
        assertThat(KafkaProvider.from(" Embedded ")).isEqualTo(KafkaProvider.EMBEDDED);
    }

    @Test
    void should_reject_an_unknown_provider_naming_the_property() {
        assertThatThrownBy(() -> KafkaProvider.from("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafka.provider must be 'embedded' or 'testcontainers', was 'docker'");
    }
}

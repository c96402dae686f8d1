package io.hublink.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class KafkaExitGuardTest {

    @Test
    void should_turn_a_broker_halt_into_an_exception_while_held() {
        // given
        KafkaExitGuard.acquire();
        try {
            // when / then
            assertThatThrownBy(() -> Exit.halt(1, "fatal fault"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("halt");
            assertThatThrownBy(() -> Exit.exit(1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exit");
        } finally {
            KafkaExitGuard.release();
        }
    }

    @Test
    void should_keep_the_replacement_until_the_last_holder_releases_it() {
        // given
        KafkaExitGuard.acquire();
        KafkaExitGuard.acquire();
        try {
            // when
            KafkaExitGuard.release();

            // then
            assertThatThrownBy(() -> Exit.halt(1)).isInstanceOf(IllegalStateException.class);
        } finally {
            KafkaExitGuard.release();
        }
    }
}

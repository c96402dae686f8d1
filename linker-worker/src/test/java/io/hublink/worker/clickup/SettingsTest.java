package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SettingsTest {

    private static final URI CLICKUP = URI.create("https://api.clickup.com");

    @Test
    void should_default_to_the_design_values() {
        // when
        BreakerSettings breaker = BreakerSettings.ofDefaults();
        RetrySettings retry = RetrySettings.ofDefaults();
        ValidatorSettings validator = ValidatorSettings.ofDefaults();
        ClickUpHttpConfig http = ClickUpHttpConfig.ofDefaults(CLICKUP);

        // then
        assertThat(breaker).isEqualTo(new BreakerSettings(20, 10, 50f, Duration.ofSeconds(2), 50f,
                Duration.ofSeconds(10), true, Duration.ofSeconds(30), 3));
        assertThat(retry).isEqualTo(new RetrySettings(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), 0.5));
        assertThat(validator.perTokenPerMinute()).isEqualTo(100);
        assertThat(http).isEqualTo(new ClickUpHttpConfig(CLICKUP, 1024, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15), HttpVersionPolicy.NEGOTIATE));
        assertThat(http.poolSize()).isEqualTo(2048);
    }

    @Test
    void should_name_the_field_and_value_of_a_bad_setting_in_one_line() {
        assertThatThrownBy(() -> new ClickUpHttpConfig(CLICKUP, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("maxInFlight must be between 1 and 1000000, was 0");
        assertThatThrownBy(() -> ClickUpHttpConfig.ofDefaults(CLICKUP).withTimeouts(Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("connectTimeout must be a positive duration, was PT0S");
        assertThatThrownBy(() -> ClickUpHttpConfig.ofDefaults(URI.create("ftp://x")))
                .hasMessageStartingWith("baseUrl must be an absolute http(s) URL");
        assertThatThrownBy(() -> ClickUpHttpConfig.ofDefaults(URI.create("/relative")))
                .hasMessageStartingWith("baseUrl must be");
        assertThatThrownBy(() -> BreakerSettings.ofDefaults().withWindow(0, 10))
                .hasMessage("windowSize must be at least 1, was 0");
        assertThatThrownBy(() -> BreakerSettings.ofDefaults().withWindow(20, 30))
                .hasMessage("minimumCalls must not exceed windowSize (20), was 30");
        assertThatThrownBy(() -> new ClickUpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO))
                .hasMessage("callTimeout must be a positive duration, was PT0S");
        assertThatThrownBy(() -> new BreakerSettings(20, 10, 0f, Duration.ofSeconds(2), 50f,
                Duration.ofSeconds(10), true, Duration.ofSeconds(30), 3))
                .hasMessage("failureRatePercent must be in (0, 100], was 0.0");
        assertThatThrownBy(() -> RetrySettings.ofDefaults().withJitter(1.0))
                .hasMessage("jitter must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> new RetrySettings(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), 0))
                .hasMessage("multiplier must be at least 1, was 0.5");
        assertThatThrownBy(() -> new RetrySettings(Duration.ofSeconds(1), 2, Duration.ofMillis(2), 0))
                .hasMessageStartingWith("maxInterval must be at least initialInterval");
        assertThatThrownBy(() -> ValidatorSettings.ofDefaults().withPerTokenPerMinute(0))
                .hasMessage("perTokenPerMinute must be at least 1, was 0");
    }

    @Test
    void should_back_off_exponentially_up_to_the_maximum() {
        // given
        RetrySettings retry = RetrySettings.ofDefaults().withJitter(0);

        // then
        assertThat(retry.delayAfter(1, 0.3)).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.delayAfter(2, 0.3)).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.delayAfter(6, 0.3)).isEqualTo(Duration.ofMillis(6400));
        assertThat(retry.delayAfter(7, 0.3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delayAfter(1_000, 0.3)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void should_spread_retries_by_the_jitter_factor() {
        // given
        RetrySettings retry = RetrySettings.ofDefaults();

        // then
        assertThat(retry.delayAfter(2, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.delayAfter(2, 0.5)).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.delayAfter(2, 0.999)).isBetween(Duration.ofMillis(599), Duration.ofMillis(600));
        assertThat(retry.delayAfter(20, 0.999)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delayAfter(20, 0.0)).isEqualTo(Duration.ofSeconds(5));
    }
}

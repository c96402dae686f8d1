package io.hublink.testkit.clickup;

import static io.hublink.testkit.clickup.TestAccounts.JANE_TOKEN;
import static io.hublink.testkit.clickup.TestAccounts.JOHN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClickUpSimulatorRateLimitTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00.250Z");

    private final MutableClock clock = new MutableClock(START);
    private ClickUpSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = ClickUpSimulator.start(TestAccounts.aScenario().withRateLimitPerMinute(3), 0, clock);
        client = SimulatorClient.http11(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void should_count_down_remaining_calls_and_reset_at_the_end_of_the_tokens_first_minute() {
        // when
        HttpResponse<String> first = client.get("/api/v2/team", JANE_TOKEN);
        clock.advance(Duration.ofSeconds(10));
        HttpResponse<String> second = client.get("/api/v2/user", JANE_TOKEN);

        // then
        long windowEnd = (START.plusSeconds(60).toEpochMilli() + 999) / 1000;
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
        assertThat(second.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        assertThat(first.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(windowEnd));
        assertThat(second.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(windowEnd));
    }

    @Test
    void should_answer_429_APP_002_over_the_limit_until_the_window_ends() {
        // given
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(200);
        }

        // when
        HttpResponse<String> limited = client.get("/api/v2/team", JANE_TOKEN);

        // then
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"err\":\"Rate limit reached\",\"ECODE\":\"APP_002\"}");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("X-RateLimit-Reset")).isPresent();

        // when the window ends
        clock.advance(Duration.ofSeconds(60));

        // then
        HttpResponse<String> again = client.get("/api/v2/team", JANE_TOKEN);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
    }

    @Test
    void should_keep_each_tokens_limit_apart() {
        // given
        for (int i = 0; i < 4; i++) {
            client.get("/api/v2/team", JANE_TOKEN);
        }

        // when
        HttpResponse<String> other = client.get("/api/v2/team", JOHN_TOKEN);

        // then
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
    }

    @Test
    void should_start_windows_at_whole_minutes_after_the_tokens_first_call() {
        // given a first call, then a call 90 s later (second window: 60 s to 120 s after the first call)
        client.get("/api/v2/team", JANE_TOKEN);
        clock.advance(Duration.ofSeconds(90));

        // when
        HttpResponse<String> response = client.get("/api/v2/team", JANE_TOKEN);

        // then
        long secondWindowEnd = (START.plusSeconds(120).toEpochMilli() + 999) / 1000;
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(secondWindowEnd));
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
    }
}

package io.hublink.testkit.clickup;

import static io.hublink.testkit.clickup.TestAccounts.JANE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of calls in flight at once, each answered after 100 ms: the simulator holds no thread per waiting call,
 * so they all finish within a few seconds (the timeout), not after 2,000 × 100 ms.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClickUpSimulatorLoadTest {

    private static final int CALLS = 2_000;

    private ClickUpSimulator simulator;

    @BeforeEach
    void start() {
        simulator = ClickUpSimulator.start(TestAccounts.aScenario()
                .withLatency(Duration.ofMillis(100))
                .withRateLimitPerMinute(1_000_000), 0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void should_answer_a_burst_of_concurrent_calls_over_one_h2c_connection() {
        // given a warmed-up HTTP/2 connection
        SimulatorClient client = SimulatorClient.http2(simulator);
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(200);

        // when
        List<HttpResponse<String>> answers = burst(client);

        // then
        assertThat(answers).hasSize(CALLS).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(simulator.callCount(JANE_TOKEN)).isEqualTo(CALLS + 1);
    }

    @Test
    void should_answer_a_burst_of_concurrent_calls_over_http11_connections() {
        // given
        SimulatorClient client = SimulatorClient.http11(simulator);

        // when
        List<HttpResponse<String>> answers = burst(client);

        // then
        assertThat(answers).hasSize(CALLS).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    }

    private static List<HttpResponse<String>> burst(SimulatorClient client) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
            calls.add(client.send(i % 2 == 0 ? "/api/v2/team" : "/api/v2/user", JANE_TOKEN));
        }
        List<HttpResponse<String>> answers = new ArrayList<>(CALLS);
        calls.forEach(call -> answers.add(call.join()));
        return answers;
    }
}

package io.hublink.testkit.clickup;

import static io.hublink.testkit.clickup.TestAccounts.JANE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClickUpSimulatorFaultsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ClickUpSimulator simulator;
    private SimulatorClient client;

    private void start(Scenario scenario) {
        simulator = ClickUpSimulator.start(scenario, 0, clock);
        client = SimulatorClient.http11(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void should_answer_a_status_fault_with_its_reason_phrase_and_a_SIM_code() {
        // given
        start(TestAccounts.aScenario());
        simulator.injectFault(Fault.ofStatus(503));

        // when
        HttpResponse<String> response = client.get("/api/v2/team", JANE_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"err\":\"Service Unavailable\",\"ECODE\":\"SIM_503\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void should_send_a_faults_body_verbatim() {
        // given
        start(TestAccounts.aScenario());
        simulator.injectFault(Fault.ofStatus(502).withBody("<html>Bad gateway</html>"));

        // when
        HttpResponse<String> response = client.get("/api/v2/team", JANE_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("<html>Bad gateway</html>");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    }

    @Test
    void should_add_a_faults_headers() {
        // given
        start(TestAccounts.aScenario());
        simulator.injectFault(Fault.ofStatus(429).withHeader("Retry-After", "2"));

        // when
        HttpResponse<String> response = client.get("/api/v2/team", JANE_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void should_answer_normally_again_once_faults_are_cleared() {
        // given
        start(TestAccounts.aScenario());
        simulator.injectFault(Fault.ofStatus(500));
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(500);

        // when
        simulator.clearFaults();

        // then
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void should_hold_a_call_during_a_hang_and_close_its_connection_when_the_fault_is_cleared() throws Exception {
        // given
        start(TestAccounts.aScenario());
        simulator.injectFault(Fault.ofHang());

        // A raw connection shows exactly what the server does; the JDK client would quietly retry the GET.
        try (RawHttpConnection connection = RawHttpConnection.open(simulator)) {
            // when
            connection.sendGet("/api/v2/team", JANE_TOKEN);

            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> simulator.heldCalls() == 1);
            assertThat(connection.nothingArrivesWithin(Duration.ofMillis(200))).isTrue();

            // when
            simulator.clearFaults();

            // then
            assertThat(connection.closesWithoutAnswer(Duration.ofSeconds(5))).isTrue();
            assertThat(simulator.heldCalls()).isZero();
        }
    }

    @Test
    void should_release_a_hung_call_when_its_scenario_window_ends() throws Exception {
        // given
        start(TestAccounts.aScenario().withFault(
                FaultWindow.of(Duration.ZERO, Duration.ofSeconds(10), Fault.ofHang())));
        try (RawHttpConnection connection = RawHttpConnection.open(simulator)) {
            connection.sendGet("/api/v2/team", JANE_TOKEN);
            await().atMost(Duration.ofSeconds(5)).until(() -> simulator.heldCalls() == 1);

            // when
            clock.advance(Duration.ofSeconds(10));

            // then
            assertThat(connection.closesWithoutAnswer(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void should_give_the_client_a_connection_error_when_dropping() {
        // given
        start(TestAccounts.aScenario());
        simulator.injectFault(Fault.ofDrop());

        // when / then
        assertThatThrownBy(() -> client.get("/api/v2/team", JANE_TOKEN))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(simulator.callCount(JANE_TOKEN)).isPositive();
    }

    @Test
    void should_reset_the_connection_at_once_when_dropping() throws Exception {
        // given
        start(TestAccounts.aScenario());
        simulator.injectFault(Fault.ofDrop());
        try (RawHttpConnection connection = RawHttpConnection.open(simulator)) {
            // when
            connection.sendGet("/api/v2/team", JANE_TOKEN);

            // then
            assertThat(connection.isReset(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void should_add_extra_latency_to_the_answer() {
        // given
        start(TestAccounts.aScenario());
        simulator.injectFault(Fault.ofExtraLatency(Duration.ofMillis(300)));

        // when
        long started = System.nanoTime();
        HttpResponse<String> response = client.get("/api/v2/team", JANE_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void should_apply_scenario_windows_counted_from_the_start() {
        // given
        start(TestAccounts.aScenario().withFault(
                FaultWindow.of(Duration.ofSeconds(5), Duration.ofSeconds(20), Fault.ofStatus(503))));

        // then before, inside and after the window
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(5));
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(15));
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void should_let_the_first_listed_window_win_where_windows_overlap() {
        // given
        start(TestAccounts.aScenario()
                .withFault(FaultWindow.of(Duration.ZERO, Duration.ofSeconds(10), Fault.ofStatus(502)))
                .withFault(FaultWindow.of(Duration.ZERO, Duration.ofSeconds(20), Fault.ofStatus(503))));

        // then
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(502);
        clock.advance(Duration.ofSeconds(10));
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(503);
    }

    @Test
    void should_let_an_injected_fault_win_over_a_scenario_window() {
        // given
        start(TestAccounts.aScenario()
                .withFault(FaultWindow.of(Duration.ZERO, Duration.ofSeconds(10), Fault.ofStatus(502))));

        // when
        simulator.injectFault(Fault.ofStatus(500));

        // then
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(500);
        simulator.clearFaults();
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(502);
    }

    @Test
    void should_not_spend_the_rate_limit_on_calls_a_status_fault_answers() {
        // given
        start(TestAccounts.aScenario().withRateLimitPerMinute(1));
        simulator.injectFault(Fault.ofStatus(503));
        client.get("/api/v2/team", JANE_TOKEN);
        simulator.clearFaults();

        // when
        HttpResponse<String> response = client.get("/api/v2/team", JANE_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
    }
}

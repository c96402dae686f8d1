package io.hublink.testkit.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.testkit.logging.LogCapture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClickUpSimulatorSecretsTest {

    /** Distinctive, so any trace of them in the output is unmistakable. */
    private static final String TOKEN = "pk_31415926_SECRETNEVERLOGGEDZQXJWVKPRFMHDLTBYC";
    private static final String STRANGER = "pk_27182818_STRANGERTOKENQZXWVJKPLMRFHDTBYCNG";

    @Test
    void should_never_print_a_token_or_header_value_at_the_most_verbose_level() {
        // given
        Account account = Account.of(TOKEN, User.of(42, "Secret Keeper", "keeper@example.com"),
                Workspace.of("9012345678", "Vault", Workspace.OWNER));
        try (LogCapture capture = LogCapture.atTrace()) {
            try (ClickUpSimulator simulator = ClickUpSimulator.start(
                    Scenario.empty().withAccount(account).withLatency(Duration.ofMillis(5)), 0)) {
                SimulatorClient http11 = SimulatorClient.http11(simulator);
                SimulatorClient http2 = SimulatorClient.http2(simulator);

                // when: every kind of answer, over both protocols
                assertThat(http11.get("/api/v2/team", TOKEN).statusCode()).isEqualTo(200);
                assertThat(http2.get("/api/v2/user", TOKEN).statusCode()).isEqualTo(200);
                assertThat(http11.get("/api/v2/team", STRANGER).statusCode()).isEqualTo(401);
                assertThat(http2.get("/api/v2/team", "Bearer " + STRANGER).statusCode()).isEqualTo(401);
                assertThat(http11.get("/api/v2/nowhere", TOKEN).statusCode()).isEqualTo(404);
                simulator.injectFault(Fault.ofStatus(503));
                assertThat(http11.get("/api/v2/team", TOKEN).statusCode()).isEqualTo(503);
                simulator.clearFaults();
                simulator.revoke(TOKEN);
                HttpResponse<String> revoked = http2.get("/api/v2/team", TOKEN);
                assertThat(revoked.statusCode()).isEqualTo(401);
            }

            // then
            assertThat(capture.events()).as("the capture works: it saw the simulator's own lines")
                    .anyMatch(e -> e.contains("ClickUp simulator listening on"));
            assertThat(capture.anywhereContains(TOKEN)).as("the token appears in the output").isFalse();
            assertThat(capture.anywhereContains(STRANGER)).as("an unknown token appears in the output").isFalse();
            assertThat(capture.anywhereContains("SECRETNEVERLOGGED")).isFalse();
        }
    }
}

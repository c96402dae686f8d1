package io.hublink.worker;

import static io.hublink.worker.testing.ScriptedTransport.TEAM;
import static io.hublink.worker.testing.ScriptedTransport.fixture;
import static io.hublink.worker.testing.ScriptedTransport.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hublink.worker.clickup.BreakerSettings;
import io.hublink.worker.clickup.ClickUpCredentialValidator;
import io.hublink.worker.clickup.Scheduling;
import io.hublink.worker.clickup.ValidatorSettings;
import io.hublink.worker.testing.ManualClock;
import io.hublink.worker.testing.ManualScheduler;
import io.hublink.worker.testing.ScriptedTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Open breaker = paused intake; half-open = probing until the breaker closes; never stuck in half-open. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BreakerGateTest {

    private static final String SERVER_ERROR = "{\"err\":\"Service Unavailable\",\"ECODE\":\"SIM_503\"}";
    private static final Duration RETRY_EVERY = Duration.ofMillis(500);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ScriptedTransport clickUp = new ScriptedTransport();
    private ValidatorSettings settings = ValidatorSettings.ofDefaults();

    private ClickUpCredentialValidator validator;
    private BreakerGate gate;

    private CircuitBreaker breaker() {
        validator = new ClickUpCredentialValidator(clickUp, settings, new Scheduling(clock, scheduler, () -> 0.5));
        gate = BreakerGate.following(validator.circuitBreaker(), validator::probe, scheduler, RETRY_EVERY);
        return validator.circuitBreaker();
    }

    @Test
    void should_keep_intake_closed_while_the_breaker_is_open_or_half_open() {
        // given
        clickUp.always(TEAM, status(503, SERVER_ERROR));
        CircuitBreaker breaker = breaker();
        assertThat(gate.isOpen()).isTrue();

        // when / then
        breaker.transitionToOpenState();
        assertThat(gate.isOpen()).isFalse();
        assertThat(gate.whyClosed()).isEqualTo("ClickUp circuit breaker OPEN");
        breaker.transitionToHalfOpenState();
        assertThat(gate.isOpen()).isFalse();
        breaker.transitionToClosedState();
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void should_probe_without_a_token_on_half_open_and_open_intake_once_the_probes_close_the_breaker() {
        // given ClickUp is up again: it answers a call without a token with 400 OAUTH_017
        clickUp.always(TEAM, fixture("error-400-authorization-header-required-OAUTH_017"));
        CircuitBreaker breaker = breaker();
        breaker.transitionToOpenState();

        // when
        breaker.transitionToHalfOpenState();
        scheduler.runDue();

        // then
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(gate.isOpen()).isTrue();
        assertThat(clickUp.calls()).hasSize(settings.breaker().permittedCallsInHalfOpen())
                .allMatch(call -> call.path().equals(TEAM) && call.authorization().equals(Optional.empty()));
    }

    @Test
    void should_keep_intake_closed_and_stop_probing_when_the_probes_fail() {
        // given
        clickUp.always(TEAM, status(503, SERVER_ERROR));
        CircuitBreaker breaker = breaker();
        breaker.transitionToOpenState();

        // when
        breaker.transitionToHalfOpenState();
        scheduler.advance(Duration.ofSeconds(5));

        // then
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(gate.isOpen()).isFalse();
        assertThat(clickUp.calls()).hasSize(settings.breaker().permittedCallsInHalfOpen());
    }

    @Test
    void should_probe_again_on_the_next_half_open_when_a_probe_never_answered() {
        // given a first probe that never answers, then a ClickUp that is up
        clickUp.then(TEAM, clickUp.hanging())
                .always(TEAM, fixture("error-400-authorization-header-required-OAUTH_017"));
        CircuitBreaker breaker = breaker();
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        scheduler.runDue();
        assertThat(clickUp.hungCalls()).hasSize(1);

        // when the half-open wait ends (back to open) and the open time is over again
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        scheduler.advance(RETRY_EVERY);

        // then a fresh round of probes closes the breaker
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void should_leave_half_open_after_the_bounded_wait_when_a_probe_never_answers() {
        // given
        settings = settings.withBreaker(BreakerSettings.ofDefaults().withMaxWaitInHalfOpen(Duration.ofMillis(200)));
        clickUp.always(TEAM, clickUp.hanging());
        CircuitBreaker breaker = breaker();
        breaker.transitionToOpenState();

        // when
        breaker.transitionToHalfOpenState();
        scheduler.runDue();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
        assertThat(gate.isOpen()).isFalse();
    }
}

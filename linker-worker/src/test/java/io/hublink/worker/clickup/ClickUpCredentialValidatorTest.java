package io.hublink.worker.clickup;

import static io.hublink.worker.testing.ScriptedTransport.TEAM;
import static io.hublink.worker.testing.ScriptedTransport.USER;
import static io.hublink.worker.testing.ScriptedTransport.failure;
import static io.hublink.worker.testing.ScriptedTransport.fixture;
import static io.hublink.worker.testing.ScriptedTransport.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hublink.events.FailureReason;
import io.hublink.events.Role;
import io.hublink.schemas.SecretToken;
import io.hublink.worker.decision.TokenOwner;
import io.hublink.worker.decision.Verdict;
import io.hublink.worker.decision.WorkspaceRef;
import io.hublink.worker.testing.ManualClock;
import io.hublink.worker.testing.ManualScheduler;
import io.hublink.worker.testing.ScriptedTransport;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClickUpCredentialValidatorTest {

    private static final String TOKEN = "pk_12345678_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE";
    private static final String OTHER_TOKEN = "pk_87654321_OTHEROTHEROTHEROTHEROTHEROTHER";
    private static final String WORKSPACE = "9012345678";
    /** One minute before the 429 fixture's X-RateLimit-Reset. */
    private static final Instant START = Instant.ofEpochSecond(1767225600);
    private static final String SERVER_ERROR = "{\"err\":\"Service Unavailable\",\"ECODE\":\"SIM_503\"}";

    private final ManualClock clock = new ManualClock(START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ScriptedTransport clickUp = new ScriptedTransport();
    /** No jitter, so the backoff is exactly 200 ms, 400 ms, 800 ms, ... */
    private ValidatorSettings settings = ValidatorSettings.ofDefaults()
            .withRetry(RetrySettings.ofDefaults().withJitter(0));

    private ClickUpCredentialValidator validator() {
        return new ClickUpCredentialValidator(clickUp, settings, new Scheduling(clock, scheduler, () -> 0.5));
    }

    private static ValidationRequest request(String token, Duration untilDeadline) {
        return new ValidationRequest(SecretToken.of(token), WORKSPACE, START.plus(untilDeadline));
    }

    private static ValidationRequest request(Instant deadline) {
        return new ValidationRequest(SecretToken.of(TOKEN), WORKSPACE, deadline);
    }

    @Test
    void should_link_with_owner_role_and_every_reachable_workspace_when_clickup_knows_the_token() {
        // given
        clickUp.healthy();

        // when
        Verdict verdict = validator().validate(request(TOKEN, Duration.ofMinutes(15))).join();

        // then
        assertThat(verdict).isEqualTo(new Verdict.Linked(WORKSPACE, "Example Workspace",
                List.of(new WorkspaceRef("9012345678", "Example Workspace"),
                        new WorkspaceRef("1234567", "Old Small Workspace")),
                Optional.of(new TokenOwner("12345678", "Jane Example", "jane@example.com")), Role.OWNER));
        assertThat(clickUp.calls()).containsExactlyInAnyOrder(
                new ScriptedTransport.Call(TEAM, Optional.of(TOKEN)),
                new ScriptedTransport.Call(USER, Optional.of(TOKEN)));
    }

    @Test
    void should_wipe_its_own_token_copy_once_both_calls_ended_and_leave_the_callers_token_alone() {
        // given
        clickUp.healthy();
        ValidationRequest request = request(TOKEN, Duration.ofMinutes(15));

        // when
        validator().validate(request).join();

        // then
        assertThat(clickUp.tokensSeen()).isNotEmpty().allMatch(SecretToken::isWiped);
        assertThat(clickUp.tokensSeen()).doesNotContain(request.token());
        assertThat(request.token().isWiped()).isFalse();
    }

    @Test
    void should_not_authorize_a_workspace_the_token_cannot_reach() {
        // given
        clickUp.always(TEAM, fixture("get-team-200-official-example")).always(USER, fixture("get-user-200"));

        // when
        Verdict verdict = validator().validate(request(TOKEN, Duration.ofMinutes(15))).join();

        // then
        assertThat(verdict).isEqualTo(Verdict.Failed.workspaceNotAuthorized(
                List.of(new WorkspaceRef("1234", "My ClickUp Workspace"))));
        assertThat(((Verdict.Failed) verdict).retryable()).isFalse();
    }

    @Test
    void should_fail_a_regenerated_token_as_invalid_with_clickups_code() {
        // given
        clickUp.always(TEAM, fixture("error-401-token-invalid-OAUTH_025"))
                .always(USER, fixture("error-401-token-invalid-OAUTH_025"));

        // when
        Verdict verdict = validator().validate(request(TOKEN, Duration.ofMinutes(15))).join();

        // then
        assertThat(verdict).isEqualTo(new Verdict.Failed(FailureReason.TOKEN_INVALID, false,
                Optional.of("OAUTH_025"), Optional.empty()));
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(1);
    }

    @Test
    void should_fail_a_token_that_may_not_see_the_team_as_not_authorized() {
        // given
        clickUp.always(TEAM, fixture("error-401-team-not-authorized-OAUTH_023")).always(USER, fixture("get-user-200"));

        // when
        Verdict verdict = validator().validate(request(TOKEN, Duration.ofMinutes(15))).join();

        // then
        assertThat(verdict).isEqualTo(new Verdict.Failed(FailureReason.TOKEN_NOT_AUTHORIZED, false,
                Optional.of("OAUTH_023"), Optional.empty()));
    }

    @Test
    void should_retry_server_errors_with_backoff_and_then_link() {
        // given
        clickUp.then(TEAM, status(503, SERVER_ERROR))
                .then(TEAM, status(502, "<html>Bad gateway</html>"))
                .then(TEAM, failure(ClickUpTransportException.Kind.TIMEOUT))
                .healthy();
        CompletableFuture<Verdict> verdict = validator().validate(request(TOKEN, Duration.ofMinutes(15)));

        // when / then: 200 ms, 400 ms, 800 ms between the calls
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(199));
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(2);
        scheduler.advance(Duration.ofMillis(400));
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(3);
        assertThat(verdict).isNotDone();
        scheduler.advance(Duration.ofMillis(800));
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(4);
        assertThat(verdict.join()).isInstanceOf(Verdict.Linked.class);
    }

    @Test
    void should_open_the_breaker_on_a_server_error_storm_and_hold_calls_without_using_attempts() {
        // given a small window, and a retry budget that rejected calls would exhaust at once
        settings = settings.withBreaker(BreakerSettings.ofDefaults().withWindow(4, 4))
                .withRetry(settings.retry().withMaxAttempts(3));
        clickUp.always(TEAM, status(503, SERVER_ERROR)).always(USER, status(503, SERVER_ERROR));
        ClickUpCredentialValidator validator = validator();
        CompletableFuture<Verdict> verdict = validator.validate(request(TOKEN, Duration.ofMinutes(15)));

        // when two rounds of team + user fail
        scheduler.advance(Duration.ofMillis(200));

        // then the breaker is open and holds the calls back
        assertThat(validator.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(clickUp.calls()).hasSize(4);
        scheduler.advance(Duration.ofSeconds(9));
        assertThat(clickUp.calls()).hasSize(4);
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls()).isGreaterThan(10);
        assertThat(verdict).isNotDone();

        // when ClickUp recovers and the open time is over
        clickUp.healthy();
        scheduler.advance(Duration.ofSeconds(2));

        // then the held validation links: its rejected calls used none of its 3 attempts
        assertThat(verdict.join()).isInstanceOf(Verdict.Linked.class);
        assertThat(validator.circuitBreaker().getState()).isIn(CircuitBreaker.State.HALF_OPEN,
                CircuitBreaker.State.CLOSED);
    }

    @Test
    void should_close_the_breaker_again_after_successful_probes_in_half_open() {
        // given
        settings = settings.withBreaker(BreakerSettings.ofDefaults().withWindow(4, 4).withPermittedCallsInHalfOpen(2));
        clickUp.always(TEAM, status(500, SERVER_ERROR)).always(USER, status(500, SERVER_ERROR));
        ClickUpCredentialValidator validator = validator();
        validator.validate(request(TOKEN, Duration.ofMinutes(15)));
        scheduler.advance(Duration.ofMillis(200));
        assertThat(validator.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        // when
        clickUp.healthy();
        scheduler.advance(Duration.ofSeconds(11));

        // then
        assertThat(validator.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void should_never_open_the_breaker_on_bad_tokens() {
        // given
        settings = settings.withBreaker(BreakerSettings.ofDefaults().withWindow(4, 4));
        clickUp.always(TEAM, fixture("error-401-oauth-token-not-found-OAUTH_019"))
                .always(USER, fixture("error-401-oauth-token-not-found-OAUTH_019"));
        ClickUpCredentialValidator validator = validator();

        // when
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            verdicts.add(validator.validate(request("bad-token-" + i, Duration.ofMinutes(15))).join());
        }

        // then
        assertThat(verdicts).allMatch(v -> ((Verdict.Failed) v).reason() == FailureReason.TOKEN_INVALID);
        assertThat(validator.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(4);
    }

    @Test
    void should_count_rate_limits_and_malformed_answers_to_credentials_as_successes_for_the_breaker() {
        // given
        settings = settings.withBreaker(BreakerSettings.ofDefaults().withWindow(4, 4));
        clickUp.always(TEAM, fixture("error-429-rate-limited-APP_002")).always(USER, fixture("get-user-200"));
        ClickUpCredentialValidator validator = validator();

        // when
        for (int i = 0; i < 4; i++) {
            validator.validate(request("token-" + i, Duration.ofMinutes(15)));
        }

        // then
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(validator.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void should_wait_until_the_rate_limit_resets_and_then_link() {
        // given X-RateLimit-Reset is START + 60 s
        clickUp.then(TEAM, fixture("error-429-rate-limited-APP_002")).healthy();
        CompletableFuture<Verdict> verdict = validator().validate(request(TOKEN, Duration.ofMinutes(15)));

        // when / then
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(1);
        assertThat(verdict).isNotDone();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(2);
        assertThat(verdict.join()).isInstanceOf(Verdict.Linked.class);
    }

    @Test
    void should_hold_every_validation_of_a_rate_limited_token_but_not_other_tokens() {
        // given
        clickUp.then(TEAM, fixture("error-429-rate-limited-APP_002")).healthy();
        ClickUpCredentialValidator validator = validator();
        CompletableFuture<Verdict> first = validator.validate(request(TOKEN, Duration.ofMinutes(15)));

        // when
        CompletableFuture<Verdict> sameToken = validator.validate(request(TOKEN, Duration.ofMinutes(15)));
        CompletableFuture<Verdict> otherToken = validator.validate(request(OTHER_TOKEN, Duration.ofMinutes(15)));
        scheduler.runDue();

        // then
        assertThat(otherToken.join()).isInstanceOf(Verdict.Linked.class);
        assertThat(sameToken).isNotDone();
        assertThat(clickUp.callsWith(TOKEN)).isEqualTo(1); // the first /team only: /user came after the 429
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(first.join()).isInstanceOf(Verdict.Linked.class);
        assertThat(sameToken.join()).isInstanceOf(Verdict.Linked.class);
    }

    @Test
    void should_fail_as_rate_limited_at_once_when_the_reset_comes_after_the_deadline() {
        // given
        clickUp.always(TEAM, fixture("error-429-rate-limited-APP_002")).always(USER, fixture("get-user-200"));

        // when
        CompletableFuture<Verdict> verdict = validator().validate(request(TOKEN, Duration.ofSeconds(30)));

        // then
        assertThat(verdict.join()).isEqualTo(Verdict.Failed.providerTrouble(FailureReason.PROVIDER_RATE_LIMITED));
    }

    @Test
    void should_fail_as_unavailable_and_retryable_when_the_deadline_passes_during_trouble() {
        // given
        clickUp.always(TEAM, status(503, SERVER_ERROR)).always(USER, status(503, SERVER_ERROR));
        CompletableFuture<Verdict> verdict = validator().validate(request(TOKEN, Duration.ofSeconds(5)));

        // when
        scheduler.advance(Duration.ofMillis(4_900));
        assertThat(verdict).isNotDone();
        scheduler.advance(Duration.ofMillis(100));

        // then
        assertThat(verdict.join()).isEqualTo(new Verdict.Failed(FailureReason.PROVIDER_UNAVAILABLE, true,
                Optional.empty(), Optional.empty()));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void should_fail_as_rate_limited_when_the_last_trouble_before_the_deadline_was_a_429() {
        // given a 429 that names no time: retried on the backoff
        clickUp.then(TEAM, status(503, SERVER_ERROR))
                .always(TEAM, status(429, "{\"err\":\"Rate limit reached\",\"ECODE\":\"APP_002\"}"))
                .always(USER, fixture("get-user-200"));
        CompletableFuture<Verdict> verdict = validator().validate(request(TOKEN, Duration.ofSeconds(5)));

        // when
        scheduler.advance(Duration.ofSeconds(6));

        // then
        assertThat(verdict.join()).isEqualTo(Verdict.Failed.providerTrouble(FailureReason.PROVIDER_RATE_LIMITED));
    }

    @Test
    void should_give_a_request_past_its_deadline_one_try_where_a_verdict_wins() {
        // given
        clickUp.healthy();

        // when
        Verdict verdict = validator().validate(request(START.minusSeconds(1))).join();

        // then
        assertThat(verdict).isInstanceOf(Verdict.Linked.class);
    }

    @Test
    void should_fail_a_request_past_its_deadline_at_once_when_clickup_is_in_trouble() {
        // given
        clickUp.always(TEAM, status(503, SERVER_ERROR)).always(USER, status(503, SERVER_ERROR));

        // when
        CompletableFuture<Verdict> verdict = validator().validate(request(START.minusSeconds(1)));

        // then without any time passing
        assertThat(verdict).isDone();
        assertThat(verdict.join()).isEqualTo(Verdict.Failed.providerTrouble(FailureReason.PROVIDER_UNAVAILABLE));
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(1);
    }

    @Test
    void should_fail_a_request_past_its_deadline_at_once_when_the_breaker_is_open() {
        // given
        clickUp.healthy();
        ClickUpCredentialValidator validator = validator();
        validator.circuitBreaker().transitionToOpenState();

        // when
        CompletableFuture<Verdict> verdict = validator.validate(request(START));

        // then
        assertThat(verdict.join()).isEqualTo(Verdict.Failed.providerTrouble(FailureReason.PROVIDER_UNAVAILABLE));
        assertThat(clickUp.calls()).isEmpty();
    }

    @Test
    void should_retry_user_within_the_deadline_and_then_link_without_an_owner() {
        // given
        clickUp.always(TEAM, fixture("get-team-200")).always(USER, status(500, SERVER_ERROR));
        CompletableFuture<Verdict> verdict = validator().validate(request(TOKEN, Duration.ofSeconds(3)));

        // when
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(verdict).isNotDone();
        assertThat(clickUp.callsTo(USER)).isGreaterThan(1);
        scheduler.advance(Duration.ofSeconds(1));

        // then
        Verdict.Linked linked = (Verdict.Linked) verdict.join();
        assertThat(linked.owner()).isEmpty();
        assertThat(linked.role()).isEqualTo(Role.UNKNOWN);
        assertThat(linked.workspaceId()).isEqualTo(WORKSPACE);
    }

    @Test
    void should_link_with_the_owner_once_user_recovers_within_the_deadline() {
        // given
        clickUp.always(TEAM, fixture("get-team-200"))
                .then(USER, failure(ClickUpTransportException.Kind.CONNECT))
                .always(USER, fixture("get-user-200"));
        CompletableFuture<Verdict> verdict = validator().validate(request(TOKEN, Duration.ofMinutes(1)));

        // when
        scheduler.advance(Duration.ofMillis(200));

        // then
        assertThat(((Verdict.Linked) verdict.join()).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void should_pace_the_101st_call_of_one_token_but_not_another_token() {
        // given 50 validations = 100 calls of one token in the same instant
        clickUp.healthy();
        ClickUpCredentialValidator validator = validator();
        for (int i = 0; i < 50; i++) {
            assertThat(validator.validate(request(TOKEN, Duration.ofMinutes(15)))).isDone();
        }

        // when
        CompletableFuture<Verdict> paced = validator.validate(request(TOKEN, Duration.ofMinutes(15)));
        CompletableFuture<Verdict> other = validator.validate(request(OTHER_TOKEN, Duration.ofMinutes(15)));

        // then
        assertThat(clickUp.callsWith(TOKEN)).isEqualTo(100);
        assertThat(paced).isNotDone();
        assertThat(other).isDone();
        assertThat(clickUp.callsWith(OTHER_TOKEN)).isEqualTo(2);
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(clickUp.callsWith(TOKEN)).isEqualTo(100);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(paced.join()).isInstanceOf(Verdict.Linked.class);
        assertThat(clickUp.callsWith(TOKEN)).isEqualTo(102);
    }

    @Test
    void should_record_a_failure_wrapped_in_another_exception_by_its_cause() {
        // given
        settings = settings.withBreaker(BreakerSettings.ofDefaults().withWindow(2, 2));
        Throwable wrapped = new CompletionException(new RuntimeException(new SocketTimeoutException("x")));
        clickUp.always(TEAM, failure(wrapped)).always(USER, failure(wrapped));
        ClickUpCredentialValidator validator = validator();

        // when
        CompletableFuture<Verdict> verdict = validator.validate(request(TOKEN, Duration.ofSeconds(1)));

        // then
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(((Verdict.Failed) verdict.join()).reason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void should_fail_as_unknown_without_blaming_clickup_when_something_else_breaks() {
        // given
        clickUp.always(TEAM, failure(new IllegalStateException("a bug"))).always(USER, fixture("get-user-200"));
        ClickUpCredentialValidator validator = validator();

        // when
        Verdict verdict = validator.validate(request(TOKEN, Duration.ofMinutes(1))).join();

        // then
        assertThat(verdict).isEqualTo(Verdict.Failed.of(FailureReason.UNKNOWN));
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void should_probe_without_a_token_and_count_header_required_as_clickup_being_up() {
        // given
        clickUp.always(TEAM, fixture("error-400-authorization-header-required-OAUTH_017"));
        ClickUpCredentialValidator validator = validator();

        // when
        boolean up = validator.probe().join();

        // then
        assertThat(up).isTrue();
        assertThat(clickUp.calls()).containsExactly(new ScriptedTransport.Call(TEAM, Optional.empty()));
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void should_report_a_failed_probe_and_record_it() {
        // given
        clickUp.always(TEAM, status(503, SERVER_ERROR));
        ClickUpCredentialValidator validator = validator();

        // when
        boolean up = validator.probe().join();

        // then
        assertThat(up).isFalse();
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void should_not_probe_while_the_breaker_is_open_and_probe_once_it_is_half_open() {
        // given
        clickUp.always(TEAM, fixture("error-400-authorization-header-required-OAUTH_017"));
        ClickUpCredentialValidator validator = validator();
        validator.circuitBreaker().transitionToOpenState();

        // when / then
        assertThat(validator.probe().join()).isFalse();
        assertThat(clickUp.calls()).isEmpty();
        clock.advance(Duration.ofSeconds(10).plusMillis(1));
        assertThat(validator.probe().join()).isTrue();
        assertThat(validator.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void should_read_the_reset_header_case_insensitively_from_the_transport() {
        // given
        clickUp.then(TEAM, status(429, "", Map.of("x-ratelimit-reset", String.valueOf(START.getEpochSecond() + 5))))
                .healthy();
        CompletableFuture<Verdict> verdict = validator().validate(request(TOKEN, Duration.ofMinutes(1)));

        // when
        scheduler.advance(Duration.ofSeconds(5));

        // then
        assertThat(verdict.join()).isInstanceOf(Verdict.Linked.class);
    }

    @Test
    void should_never_show_the_token_in_a_verdict() {
        // given
        clickUp.healthy();

        // when
        Verdict verdict = validator().validate(request(TOKEN, Duration.ofMinutes(1))).join();

        // then
        assertThat(verdict.toString()).doesNotContain(TOKEN).doesNotContain("FAKE");
        assertThat(request(TOKEN, Duration.ZERO).toString()).doesNotContain("FAKE");
    }

    @Test
    void should_stop_asking_user_once_team_has_settled_the_request() {
        // given
        clickUp.always(TEAM, fixture("error-401-token-invalid-OAUTH_025")).always(USER, status(503, SERVER_ERROR));
        ClickUpCredentialValidator validator = validator();

        // when
        Verdict verdict = validator.validate(request(TOKEN, Duration.ofMinutes(15))).join();
        scheduler.advance(Duration.ofMinutes(1));

        // then
        assertThat(((Verdict.Failed) verdict).reason()).isEqualTo(FailureReason.TOKEN_INVALID);
        assertThat(clickUp.callsTo(USER)).isLessThanOrEqualTo(1);
        assertThat(scheduler.pendingTasks()).isZero();
        assertThat(clickUp.tokensSeen()).allMatch(SecretToken::isWiped);
    }

    @Test
    void should_keep_its_token_copy_until_a_call_still_in_flight_after_the_verdict_ends() {
        // given /user never answers while /team settles
        CompletableFuture<io.hublink.worker.clickup.ClickUpResponse> userInFlight = new CompletableFuture<>();
        clickUp.always(TEAM, fixture("get-team-200-no-workspaces")).always(USER, () -> userInFlight);
        ValidationRequest request = request(TOKEN, Duration.ofMinutes(15));

        // when
        Verdict verdict = validator().validate(request).join();
        request.token().close(); // the caller is done with its token

        // then the in-flight call's copy lives on until the call ends, then it is wiped
        assertThat(((Verdict.Failed) verdict).reason()).isEqualTo(FailureReason.WORKSPACE_NOT_AUTHORIZED);
        SecretToken copy = clickUp.tokensSeen().get(clickUp.tokensSeen().size() - 1);
        assertThat(copy.isWiped()).isFalse();
        userInFlight.complete(new io.hublink.worker.clickup.ClickUpResponse(503, new byte[0], Map.of()));
        assertThat(copy.isWiped()).isTrue();
    }
}

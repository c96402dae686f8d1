package io.hublink.worker.clickup;

import static io.hublink.worker.testing.ScriptedTransport.TEAM;
import static io.hublink.worker.testing.ScriptedTransport.USER;
import static io.hublink.worker.testing.ScriptedTransport.fixture;
import static io.hublink.worker.testing.ScriptedTransport.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.FailureReason;
import io.hublink.schemas.SecretToken;
import io.hublink.worker.decision.Verdict;
import io.hublink.worker.fixtures.ClickUpFixture;
import io.hublink.worker.testing.ManualClock;
import io.hublink.worker.testing.ManualScheduler;
import io.hublink.worker.testing.ScriptedTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN's deadline rules at their edges: a request fetched before trouble fails at its deadline (no call starts
 * there, and a retry still waiting for ClickUp is cut), while a first answer still in flight may win past it; and
 * 429s that keep saying "now" are not obeyed into a hot loop.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DeadlineAndRateLimitTest {

    private static final String TOKEN = "pk_12345678_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE";
    private static final String WORKSPACE = "9012345678";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SERVER_ERROR = "{\"err\":\"Service Unavailable\",\"ECODE\":\"SIM_503\"}";
    private static final String RATE_LIMITED = "{\"err\":\"Rate limit reached\",\"ECODE\":\"APP_002\"}";
    private static final Verdict UNAVAILABLE = Verdict.Failed.providerTrouble(FailureReason.PROVIDER_UNAVAILABLE);

    private final ManualClock clock = new ManualClock(START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ScriptedTransport clickUp = new ScriptedTransport();
    /** No jitter: the backoff is exactly 200 ms, 400 ms, 800 ms, ... */
    private final ValidatorSettings settings = ValidatorSettings.ofDefaults()
            .withRetry(RetrySettings.ofDefaults().withJitter(0));

    private ClickUpCredentialValidator validator() {
        return new ClickUpCredentialValidator(clickUp, settings, new Scheduling(clock, scheduler, () -> 0.5));
    }

    private static ValidationRequest requestWithDeadlineIn(Duration untilDeadline) {
        return new ValidationRequest(SecretToken.of(TOKEN), WORKSPACE, START.plus(untilDeadline));
    }

    @Test
    void should_fail_at_the_deadline_without_starting_another_call_there() {
        // given server errors at 0, 200 and 600 ms; the next retry (1.4 s) is capped to the deadline at 1 s, where a
        // call would hang
        for (int i = 0; i < 3; i++) {
            clickUp.then(TEAM, status(503, SERVER_ERROR)).then(USER, status(503, SERVER_ERROR));
        }
        clickUp.always(TEAM, clickUp.hanging()).always(USER, clickUp.hanging());
        CompletableFuture<Verdict> verdict = validator().validate(requestWithDeadlineIn(Duration.ofSeconds(1)));

        // when
        scheduler.advance(Duration.ofSeconds(1));

        // then
        assertThat(verdict).isCompletedWithValue(UNAVAILABLE);
        assertThat(((Verdict.Failed) verdict.join()).retryable()).isTrue();
        assertThat(clickUp.hungCalls()).isEmpty();
    }

    @Test
    void should_cut_a_retry_still_waiting_for_clickup_at_the_deadline() {
        // given a server error, then retries (at 200 ms) that ClickUp never answers
        clickUp.then(TEAM, status(503, SERVER_ERROR)).always(TEAM, clickUp.hanging())
                .then(USER, status(503, SERVER_ERROR)).always(USER, clickUp.hanging());
        ClickUpCredentialValidator validator = validator();
        CompletableFuture<Verdict> verdict = validator.validate(requestWithDeadlineIn(Duration.ofSeconds(1)));
        scheduler.advance(Duration.ofMillis(999));
        assertThat(verdict).isNotDone();
        assertThat(clickUp.hungCalls()).hasSize(2);

        // when
        scheduler.advance(Duration.ofMillis(1));

        // then it fails at the deadline, and the calls are cancelled so their connections are freed
        assertThat(verdict).isCompletedWithValue(UNAVAILABLE);
        assertThat(clickUp.hungCalls()).allMatch(CompletableFuture::isCancelled);
        assertThat(clickUp.tokensSeen()).allMatch(SecretToken::isWiped);
        // the cut calls are neither ClickUp's failure nor its success
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
        assertThat(validator.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isZero();
    }

    @Test
    void should_let_a_first_answer_still_in_flight_at_the_deadline_decide() {
        // given a first /team call that answers only after the deadline
        CompletableFuture<ClickUpResponse> lateTeam = new CompletableFuture<>();
        clickUp.then(TEAM, () -> lateTeam).always(USER, fixture("get-user-200"));
        CompletableFuture<Verdict> verdict = validator().validate(requestWithDeadlineIn(Duration.ofSeconds(1)));
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(verdict).isNotDone();

        // when
        ClickUpFixture team = ClickUpFixture.load("get-team-200");
        lateTeam.complete(new ClickUpResponse(team.status(), team.body(), team.headers()));

        // then a verdict beats a timeout
        assertThat(verdict.join()).isInstanceOf(Verdict.Linked.class);
    }

    @Test
    void should_retry_a_429_that_says_now_at_once_but_back_off_when_it_keeps_saying_so() {
        // given a ClickUp that answers every call with 429 and Retry-After: 0
        AtomicInteger calls = new AtomicInteger();
        Supplier<CompletableFuture<ClickUpResponse>> retryNow = () -> {
            if (calls.incrementAndGet() > 1_000) {
                throw new AssertionError("the validator hammers ClickUp with calls");
            }
            return status(429, RATE_LIMITED, Map.of("Retry-After", "0")).get();
        };
        clickUp.always(TEAM, retryNow).always(USER, retryNow);
        CompletableFuture<Verdict> verdict = validator().validate(requestWithDeadlineIn(Duration.ofSeconds(10)));

        // when
        scheduler.advance(Duration.ofSeconds(1));

        // then: at 0 ms, again at once, then after 200 ms and 400 ms of backoff
        assertThat(clickUp.callsTo(TEAM)).isEqualTo(4);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(verdict).isCompletedWithValue(Verdict.Failed.providerTrouble(FailureReason.PROVIDER_RATE_LIMITED));
    }
}

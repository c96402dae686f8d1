package io.hublink.worker;

import static io.hublink.worker.LinkRequestBuilder.aLinkRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.pipeline.PipelineListener;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Fault;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import io.hublink.worker.clickup.BreakerSettings;
import io.hublink.worker.clickup.ClickUpTimeouts;
import io.hublink.worker.clickup.RetrySettings;
import io.hublink.worker.clickup.ValidatorSettings;
import io.hublink.worker.testing.ShiftableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One request at a time through the other kinds of ClickUp trouble, on a real broker: rate limits waited out, a
 * hung ClickUp cut by the timeout without leaking pooled connections, and deadlines exactly as DESIGN says. Faults
 * are injected from the test; an injected clock stands in for waiting 15 minutes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClickUpTroubleIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    static final String JANE = "pk_81234567_TROUBLEITJANE00000000000000000000";
    static final String JOHN = "pk_87654321_TROUBLEITJOHN00000000000000000000";
    static final String MARY = "pk_81122334_TROUBLEITMARY00000000000000000000";

    private final WorkerRig rig = new WorkerRig(KAFKA, "trouble");
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ClickUpSimulator clickUp;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static ValidatorSettings quickRetries() {
        return ValidatorSettings.ofDefaults()
                .withBreaker(BreakerSettings.ofDefaults().withWaitInOpen(Duration.ofSeconds(1)))
                .withRetry(new RetrySettings(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.5));
    }

    @Test
    void should_wait_until_x_ratelimit_reset_then_ask_again_and_link() {
        // given
        startClickUp();
        LinkerWorker worker = worker(rig.settings("reset", clickUp).withValidator(quickRetries()));
        Instant reset = Instant.ofEpochSecond(Instant.now().plusSeconds(3).getEpochSecond());
        clickUp.injectFault(Fault.ofStatus(429).withHeader("X-RateLimit-Reset", Long.toString(reset.getEpochSecond())));
        LinkRequestBuilder request = aLinkRequest().withToken(JANE);

        // when the token is rate-limited, and the limit has lifted by its reset time
        rig.publish(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> clickUp.callCount(JANE) >= 1);
        clickUp.clearFaults();

        // then it was asked again only after the reset, once per endpoint, and linked
        AccountLinked linked = (AccountLinked) rig.awaitOutcomes(1, Duration.ofSeconds(30)).get(request.requestId());
        assertThat(linked.getValidatedAt()).isAfterOrEqualTo(reset);
        assertThat(clickUp.callCount(JANE)).isLessThanOrEqualTo(4);
        assertThat(worker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).as("a 429 is ClickUp answering")
                .isZero();
    }

    @Test
    void should_wait_for_retry_after_then_ask_again_and_link() {
        // given
        startClickUp();
        LinkerWorker worker = worker(rig.settings("retry-after", clickUp).withValidator(quickRetries()));
        clickUp.injectFault(Fault.ofStatus(429).withHeader("Retry-After", "2"));
        LinkRequestBuilder request = aLinkRequest().withToken(JOHN);
        Instant published = Instant.now();

        // when
        rig.publish(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> clickUp.callCount(JOHN) >= 1);
        clickUp.clearFaults();

        // then
        AccountLinked linked = (AccountLinked) rig.awaitOutcomes(1, Duration.ofSeconds(30)).get(request.requestId());
        assertThat(linked.getValidatedAt()).isAfterOrEqualTo(published.plusSeconds(2));
        assertThat(clickUp.callCount(JOHN)).isLessThanOrEqualTo(4);
        assertThat(worker.circuitBreaker().getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void should_cut_a_hung_clickup_at_the_timeout_and_leave_no_exchange_running() {
        // given calls cut after 1 s, and a breaker that opens after two of them
        startClickUp();
        ValidatorSettings openAfterTwo = quickRetries().withBreaker(BreakerSettings.ofDefaults()
                .withWindow(4, 2).withWaitInOpen(Duration.ofSeconds(3)));
        LinkerWorker worker = worker(rig.settings("hang", clickUp).withValidator(openAfterTwo)
                .withTimeouts(ClickUpTimeouts.ofDefaults().withCall(Duration.ofSeconds(1))));
        BreakerRecorder breaker = BreakerRecorder.watching(worker, clickUp);
        LinkRequestBuilder request = aLinkRequest().withToken(MARY);

        // when ClickUp takes calls and never answers them
        clickUp.injectFault(Fault.ofHang());
        rig.publish(request);

        // then the timeouts cut the calls (they count as failures and open the breaker), and while ClickUp still
        // holds them, no exchange keeps running in the client (no leased connection, no open stream)
        await().atMost(Duration.ofSeconds(20)).until(() -> breaker.saw(State.CLOSED, State.OPEN));
        assertThat(worker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(2)).until(() -> worker.clickUpExchangesInProgress() == 0);
        assertThat(clickUp.heldCalls()).isPositive();

        // when ClickUp answers again, the request links, and still nothing is leased
        clickUp.clearFaults();
        assertThat(rig.awaitOutcomes(1, Duration.ofSeconds(30)).get(request.requestId()))
                .isInstanceOf(AccountLinked.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> worker.clickUpExchangesInProgress() == 0);
    }

    @Test
    void should_apply_the_deadline_to_requests_fetched_before_and_after_it_as_design_says() {
        // given a worker whose clock the test moves, and a breaker that does not open here, so that trouble meets
        // requests as they are fetched instead of holding them
        startClickUp();
        ShiftableClock clock = new ShiftableClock();
        ValidatorSettings neverOpens = quickRetries().withBreaker(BreakerSettings.ofDefaults().withWindow(100, 100));
        worker(rig.settings("deadline", clickUp).withValidator(neverOpens).withClock(clock));
        LinkRequestBuilder fetchedBefore = aLinkRequest().withToken(JANE);

        // when a request (default deadline: 15 minutes after it was requested) is fetched during an outage, and its
        // deadline passes while ClickUp is still in trouble
        clickUp.injectFault(Fault.ofStatus(503));
        rig.publish(fetchedBefore);
        await().atMost(Duration.ofSeconds(30)).until(() -> clickUp.callCount(JANE) >= 2);
        clock.shift(Duration.ofMinutes(16));

        // then it fails as PROVIDER_UNAVAILABLE, retryable
        assertUnavailableAndRetryable(rig.awaitOutcomes(1, Duration.ofSeconds(30)).get(fetchedBefore.requestId()));

        // when a request fetched after its deadline meets the trouble, it fails at once, after one try
        LinkRequestBuilder fetchedAfter = aLinkRequest().withToken(JOHN);
        rig.publish(fetchedAfter);
        assertUnavailableAndRetryable(rig.awaitOutcomes(2, Duration.ofSeconds(30)).get(fetchedAfter.requestId()));
        assertThat(clickUp.callCount(JOHN)).isLessThanOrEqualTo(2);

        // when one fetched after its deadline finds ClickUp answering, a verdict beats a timeout
        clickUp.clearFaults();
        LinkRequestBuilder lateButAnswered = aLinkRequest().withToken(MARY);
        rig.publish(lateButAnswered);
        assertThat(rig.awaitOutcomes(3, Duration.ofSeconds(30)).get(lateButAnswered.requestId()))
                .isInstanceOf(AccountLinked.class);
    }

    private static void assertUnavailableAndRetryable(SpecificRecord outcome) {
        assertThat(outcome).isInstanceOf(LinkFailed.class);
        LinkFailed failed = (LinkFailed) outcome;
        assertThat(failed.getReason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
        assertThat(failed.getRetryable()).isTrue();
        assertThat(failed.getUserMessage()).isNotBlank();
    }

    private void startClickUp() {
        Scenario scenario = Scenario.empty().withLatency(Duration.ofMillis(5)).withRateLimitPerMinute(10_000);
        List<String> tokens = List.of(JANE, JOHN, MARY);
        for (int i = 0; i < tokens.size(); i++) {
            scenario = scenario.withAccount(Account.of(tokens.get(i),
                    User.of(2000 + i, "Person " + i, "person" + i + "@example.com"),
                    Workspace.of("9012345678", "Example Workspace", 1)));
        }
        clickUp = ClickUpSimulator.start(scenario, 0);
        toClose.add(clickUp);
    }

    private LinkerWorker worker(LinkerWorker.WorkerSettings settings) {
        LinkerWorker worker = LinkerWorker.start(settings, PipelineListener.NONE);
        toClose.add(worker);
        return worker;
    }
}

package io.hublink.worker;

import static io.hublink.worker.LinkRequestBuilder.aLinkRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Fault;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import io.hublink.worker.clickup.BreakerSettings;
import io.hublink.worker.clickup.RetrySettings;
import io.hublink.worker.clickup.ValidatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker through ClickUp trouble on a real broker (DESIGN "Resilience"): an open breaker pauses intake instead
 * of failing requests, the half-open probes resume it, and the consumer stays in its group throughout. Faults are
 * injected from the test, never by wall-clock windows; the breaker opens for 1 s here instead of 10 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResilienceIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    static final List<String> TOKENS = List.of(
            "pk_81234567_RESILIENCEITJANE0000000000000000",
            "pk_87654321_RESILIENCEITJOHN0000000000000000",
            "pk_81122334_RESILIENCEITMARY0000000000000000");
    static final String UNKNOWN = "pk_80000000_RESILIENCEITNOBODY00000000000000";
    static final String REVOKED = "pk_81234567_RESILIENCEITREVOKED0000000000000";

    private final WorkerRig rig = new WorkerRig(KAFKA, "resilience");
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** DESIGN's breaker (window 20, at least 10 calls, 50 %), open for 1 s; retries up to 1 s apart. */
    private static ValidatorSettings quickToRecover() {
        return ValidatorSettings.ofDefaults()
                .withBreaker(BreakerSettings.ofDefaults().withWaitInOpen(Duration.ofSeconds(1)))
                .withRetry(new RetrySettings(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.5))
                .withPerTokenPerMinute(10_000);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void should_pause_through_a_5xx_storm_and_link_every_request_after_recovery() {
        // given
        ClickUpSimulator clickUp = clickUp();
        RecordingListener intake = new RecordingListener();
        LinkerWorker worker = worker(rig.settings("storm", clickUp).withValidator(quickToRecover()), intake);
        BreakerRecorder breaker = BreakerRecorder.watching(worker, clickUp);
        List<LinkRequestBuilder> requests = requests(10);

        // when a storm opens the breaker, and a round of half-open probes fails as well
        clickUp.injectFault(Fault.ofStatus(503));
        rig.publish(requests);
        await().atMost(Duration.ofSeconds(30)).until(() -> breaker.saw(State.HALF_OPEN, State.OPEN)
                && breaker.count(State.OPEN, State.HALF_OPEN) >= 2);

        // then intake is paused, no request has failed, and while open ClickUp saw no call beyond the probes
        assertThat(intake.isPaused()).isTrue();
        assertThat(rig.outcomes()).isEmpty();
        assertThat(breaker.tokenCallsWhileOpenAfterFailedProbes()).isNotEmpty().containsOnly(0L);

        // when ClickUp recovers
        clickUp.clearFaults();

        // then the probes close the breaker, intake resumes, and every request links
        Map<String, SpecificRecord> outcomes = rig.awaitOutcomes(requests.size(), Duration.ofSeconds(60));
        assertThat(outcomes.values()).allMatch(AccountLinked.class::isInstance);
        assertThat(breaker.changes()).last().extracting(BreakerRecorder.Change::to).isEqualTo(State.CLOSED);
        assertThat(intake.resumedAfterPause()).isTrue();
        assertThat(clickUp.unauthenticatedCalls()).as("probes without a token").isPositive();
    }

    @Test
    void should_never_open_the_breaker_on_a_storm_of_bad_tokens() {
        // given
        ClickUpSimulator clickUp = clickUp();
        RecordingListener intake = new RecordingListener();
        LinkerWorker worker = worker(rig.settings("bad-tokens", clickUp).withValidator(quickToRecover()), intake);
        BreakerRecorder breaker = BreakerRecorder.watching(worker, clickUp);
        List<LinkRequestBuilder> requests = IntStream.range(0, 30)
                .mapToObj(i -> aLinkRequest().withToken(i % 2 == 0 ? UNKNOWN : REVOKED))
                .collect(Collectors.toList());

        // when
        rig.publish(requests);

        // then every request fails on its credentials, and ClickUp's answers kept the breaker closed
        Map<String, SpecificRecord> outcomes = rig.awaitOutcomes(requests.size(), Duration.ofSeconds(60));
        assertThat(outcomes.values()).allSatisfy(outcome -> {
            assertThat(outcome).isInstanceOf(LinkFailed.class);
            assertThat(((LinkFailed) outcome).getReason()).isEqualTo(FailureReason.TOKEN_INVALID);
            assertThat(((LinkFailed) outcome).getRetryable()).isFalse();
        });
        assertThat(breaker.changes()).isEmpty();
        assertThat(worker.circuitBreaker().getState()).isEqualTo(State.CLOSED);
        assertThat(worker.circuitBreaker().getMetrics().getNumberOfBufferedCalls())
                .isGreaterThanOrEqualTo(BreakerSettings.ofDefaults().minimumCalls());
        assertThat(worker.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(intake.isPaused()).isFalse();
    }

    @Test
    void should_open_the_breaker_by_slow_call_rate_when_clickup_answers_slowly() {
        // given calls slower than 200 ms are slow, and half of them open the breaker
        ClickUpSimulator clickUp = clickUp();
        ValidatorSettings slowIs200ms = quickToRecover().withBreaker(BreakerSettings.ofDefaults()
                .withWaitInOpen(Duration.ofSeconds(1))
                .withSlowCalls(Duration.ofMillis(200), 50f));
        RecordingListener intake = new RecordingListener();
        LinkerWorker worker = worker(rig.settings("slow", clickUp).withValidator(slowIs200ms), intake);
        BreakerRecorder breaker = BreakerRecorder.watching(worker, clickUp);
        List<LinkRequestBuilder> requests = requests(10);

        // when ClickUp answers, but only after 500 ms
        clickUp.injectFault(Fault.ofExtraLatency(Duration.ofMillis(500)));
        rig.publish(requests);
        await().atMost(Duration.ofSeconds(30)).until(() -> breaker.saw(State.CLOSED, State.OPEN));

        // then it opened on the slow-call rate alone
        BreakerRecorder.Change opened = breaker.changes().get(0);
        assertThat(opened.to()).isEqualTo(State.OPEN);
        assertThat(opened.slowCallRate()).isGreaterThanOrEqualTo(50f);
        assertThat(opened.failureRate()).isLessThan(50f);
        assertThat(opened.reason()).contains("slow-call rate");

        // when ClickUp is quick again
        clickUp.clearFaults();

        // then every request links (slow answers are answers: none failed)
        Map<String, SpecificRecord> outcomes = rig.awaitOutcomes(requests.size(), Duration.ofSeconds(60));
        assertThat(outcomes.values()).allMatch(AccountLinked.class::isInstance);
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.circuitBreaker().getState() == State.CLOSED);
    }

    @Test
    void should_stay_in_the_group_through_an_outage_several_times_longer_than_max_poll_interval() {
        // given a consumer that is evicted if it does not poll for 2 s
        ClickUpSimulator clickUp = clickUp();
        RecordingListener intake = new RecordingListener();
        LinkerWorker worker = worker(rig.settings("long-outage", clickUp, Map.of("max.poll.interval.ms", "2000"))
                .withValidator(quickToRecover()), intake);
        BreakerRecorder breaker = BreakerRecorder.watching(worker, clickUp);
        await().atMost(Duration.ofSeconds(30)).until(() -> !intake.assignments().isEmpty());
        List<RecordingListener.Assignment> before = intake.assignments();
        List<LinkRequestBuilder> requests = requests(10);

        // when ClickUp is down for four times max.poll.interval.ms
        clickUp.injectFault(Fault.ofStatus(503));
        rig.publish(requests);
        await().atMost(Duration.ofSeconds(30)).until(() -> breaker.saw(State.CLOSED, State.OPEN));

        // then no rebalance happens: the paused consumer keeps polling
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() ->
                intake.revocations().isEmpty() && intake.assignments().equals(before)
                        && worker.circuitBreaker().getState() != State.CLOSED);

        // and after it every request links, once
        clickUp.clearFaults();
        Map<String, SpecificRecord> outcomes = rig.awaitOutcomes(requests.size(), Duration.ofSeconds(60));
        assertThat(outcomes.values()).allMatch(AccountLinked.class::isInstance);
        assertThat(intake.revocations()).isEmpty();
        assertThat(intake.assignments()).isEqualTo(before);
    }

    @Test
    void should_start_partitions_paused_when_a_rebalance_assigns_them_while_the_breaker_is_open() {
        // given worker A, alone, whose ClickUp is down: its breaker opens and it pauses
        ClickUpSimulator downForA = clickUp();
        ClickUpSimulator upForB = clickUp();
        RecordingListener a = new RecordingListener();
        LinkerWorker workerA = worker(rig.settings("a", downForA).withValidator(quickToRecover()), a);
        BreakerRecorder breakerA = BreakerRecorder.watching(workerA, downForA);
        await().atMost(Duration.ofSeconds(30)).until(() -> covered(a).size() == 3);
        downForA.injectFault(Fault.ofStatus(503));
        List<LinkRequestBuilder> first = requests(10);
        rig.publish(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> breakerA.saw(State.CLOSED, State.OPEN) && a.isPaused());
        int assignedBeforeB = a.assignments().size();

        // when worker B joins (a rebalance gives A partitions while its breaker is open)
        RecordingListener b = new RecordingListener();
        LinkerWorker workerB = worker(rig.settings("b", upForB).withValidator(quickToRecover()), b);
        await().atMost(Duration.ofSeconds(30)).until(() -> !b.assignments().isEmpty()
                && a.assignments().size() > assignedBeforeB);

        // then A's new partitions start paused, while B's (its ClickUp is up) do not
        assertThat(a.assignments().subList(assignedBeforeB, a.assignments().size()))
                .allMatch(RecordingListener.Assignment::startPaused);
        assertThat(b.assignments()).noneMatch(RecordingListener.Assignment::startPaused);

        // when B leaves again (A is given every partition, its breaker still open)
        int assignedBeforeLeave = a.assignments().size();
        workerB.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> a.assignments().size() > assignedBeforeLeave
                && covered(a).size() == 3);

        // then those start paused too
        assertThat(a.assignments().subList(assignedBeforeLeave, a.assignments().size()))
                .allMatch(RecordingListener.Assignment::startPaused);
        List<LinkRequestBuilder> second = requests(3);
        rig.publish(second);
        assertThat(workerA.circuitBreaker().getState()).isNotEqualTo(State.CLOSED);

        // when A's ClickUp recovers
        downForA.clearFaults();

        // then every request links, each once (some by B before it left)
        Map<String, SpecificRecord> outcomes = rig.awaitOutcomes(first.size() + second.size(), Duration.ofSeconds(60));
        assertThat(outcomes.values()).allMatch(AccountLinked.class::isInstance);
        assertThat(downForA.unauthenticatedCalls()).as("A probed without a token").isPositive();
    }

    /** The partitions a worker was last assigned, by rebalance (eager: each assignment is the whole set). */
    private static Set<TopicPartition> covered(RecordingListener listener) {
        List<RecordingListener.Assignment> assignments = listener.assignments();
        return assignments.isEmpty() ? Set.of() : assignments.get(assignments.size() - 1).partitions();
    }

    private ClickUpSimulator clickUp() {
        Scenario scenario = Scenario.empty().withLatency(Duration.ofMillis(5)).withRateLimitPerMinute(10_000)
                .withRevokedToken(REVOKED);
        for (int i = 0; i < TOKENS.size(); i++) {
            scenario = scenario.withAccount(Account.of(TOKENS.get(i),
                    User.of(1000 + i, "Person " + i, "person" + i + "@example.com"),
                    Workspace.of("9012345678", "Example Workspace", 1)));
        }
        ClickUpSimulator simulator = ClickUpSimulator.start(scenario, 0);
        toClose.add(simulator);
        return simulator;
    }

    private LinkerWorker worker(LinkerWorker.WorkerSettings settings, RecordingListener listener) {
        LinkerWorker worker = LinkerWorker.start(settings, listener);
        toClose.add(worker);
        return worker;
    }

    /** {@code count} valid requests for different accounts, spread over the tokens. */
    private static List<LinkRequestBuilder> requests(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> aLinkRequest().withToken(TOKENS.get(i % TOKENS.size())).withWorkspace("9012345678"))
                .collect(Collectors.toList());
    }
}

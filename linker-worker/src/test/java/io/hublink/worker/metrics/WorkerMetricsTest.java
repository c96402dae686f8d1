package io.hublink.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.InboundRecord;
import io.hublink.pipeline.OutboundRecord;
import io.hublink.pipeline.RecordProcessor;
import io.hublink.schemas.EventCodec;
import io.hublink.worker.clickup.ClickUpResponse;
import io.hublink.worker.clickup.ClickUpTransportException;
import io.hublink.worker.clickup.CredentialValidator;
import io.hublink.worker.decision.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WorkerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WorkerMetrics metrics = WorkerMetrics.of(registry);
    private final EventCodec codec = EventCodec.ofDefaults();
    private final HublinkTopics topics = HublinkTopics.ofDefaults();

    @Test
    void should_count_outcomes_by_reason_and_dead_letters_by_error() {
        InboundRecord in = new InboundRecord(topics.requests(), 0, 7, new byte[0], new byte[] {1}, Instant.EPOCH);
        List<OutboundRecord> outputs = List.of(
                OutboundRecord.of(topics.outcomes(), "acc-1", codec.encode(linked())),
                OutboundRecord.of(topics.outcomes(), "acc-2", codec.encode(failed(FailureReason.TOKEN_INVALID))),
                OutboundRecord.tombstone(topics.accounts(), "acc-2"),
                DeadLetters.of(in, topics.dlq(), "UNKNOWN_KEY_ID", "key id k-9 is not in the keyring"));
        RecordProcessor counted = metrics.counted(record -> CompletableFuture.completedFuture(outputs), topics, codec);

        counted.process(in).join();
        counted.process(in).join();

        assertThat(registry.get("hublink.outcomes").tags("outcome", "linked", "reason", "none").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("hublink.outcomes").tags("outcome", "failed", "reason", "TOKEN_INVALID").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get("hublink.dead.letters").tag("error", "UNKNOWN_KEY_ID").counter().count())
                .isEqualTo(2);
    }

    @Test
    void should_count_validations_in_flight_until_they_end() {
        CompletableFuture<Verdict> pending = new CompletableFuture<>();
        CredentialValidator counted = metrics.counted(request -> pending);

        counted.validate(null);
        counted.validate(null);

        assertThat(registry.get("hublink.validations.in.flight").gauge().value()).isEqualTo(2);
        pending.complete(Verdict.Failed.of(FailureReason.PROVIDER_UNAVAILABLE));
        assertThat(registry.get("hublink.validations.in.flight").gauge().value()).isZero();
    }

    @Test
    void should_show_the_breaker_state_and_count_transitions() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("clickup");
        metrics.watch(breaker);

        breaker.transitionToOpenState();

        assertThat(registry.get("hublink.clickup.breaker.state").tag("state", "OPEN").gauge().value()).isEqualTo(1);
        assertThat(registry.get("hublink.clickup.breaker.state").tag("state", "CLOSED").gauge().value()).isZero();
        assertThat(registry.get("hublink.clickup.breaker.transitions").tag("to", "OPEN").counter().count())
                .isEqualTo(1);
    }

    @Test
    void should_time_clickup_calls_by_endpoint_and_result_without_anything_of_the_call() {
        metrics.timed((path, token) -> CompletableFuture.completedFuture(ClickUpResponse.of(401, new byte[0])))
                .get("/api/v2/team", java.util.Optional.empty()).join();
        metrics.timed((path, token) -> CompletableFuture.failedFuture(new ClickUpTransportException(
                ClickUpTransportException.Kind.TIMEOUT, "SocketTimeoutException")))
                .get("/api/v2/user", java.util.Optional.empty()).handle((r, e) -> null).join();

        assertThat(registry.get("hublink.clickup.call").tags("endpoint", "team", "result", "4xx").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("hublink.clickup.call").tags("endpoint", "user", "result", "timeout").timer().count())
                .isEqualTo(1);
        assertThat(TimedClickUpTransport.result(ClickUpResponse.of(429, new byte[0]), null)).isEqualTo("429");
        assertThat(TimedClickUpTransport.endpoint("/api/v2/team/123/space")).isEqualTo("other");
    }

    private static AccountLinked linked() {
        return AccountLinked.newBuilder().setEventId("e-1").setRequestId("r-1").setTenantId("t-1")
                .setAccountId("acc-1").setWorkspaceId("9012345678").setWorkspaceName("W")
                .setAuthorizedWorkspaces(List.of()).setUser(null).setRole(Role.OWNER).setTokenFingerprint("fp")
                .setPurpose(Purpose.LINK).setValidatedAt(Instant.EPOCH).build();
    }

    private static LinkFailed failed(FailureReason reason) {
        return LinkFailed.newBuilder().setEventId("e-2").setRequestId("r-2").setTenantId("t-1")
                .setAccountId("acc-2").setWorkspaceId("9012345678").setReason(reason).setRetryable(false)
                .setProviderCode(null).setUserMessage("advice").setAuthorizedWorkspaces(null)
                .setPurpose(Purpose.LINK).setFailedAt(Instant.EPOCH).build();
    }
}

package io.hublink.publisher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.publisher.notify.NotificationRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OpsStateTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T12:00:30Z"));
    private final OpsState state = new OpsState(clock);
    private final NotificationRenderer renderer = new NotificationRenderer();

    @Test
    void should_count_by_reason_over_the_last_five_minutes_and_hour_and_forget_older() {
        see(failed("a-1", FailureReason.TOKEN_INVALID));
        clock.move(Duration.ofMinutes(30));
        see(linked("a-2"));
        see(linked("a-3"));
        see(failed("a-4", FailureReason.PROVIDER_UNAVAILABLE));

        assertThat(state.reasons()).containsExactly(new OpsState.ReasonCount("LINKED", 2, 2),
                new OpsState.ReasonCount("PROVIDER_UNAVAILABLE", 1, 1),
                new OpsState.ReasonCount("TOKEN_INVALID", 0, 1));
        long[] perMinute = state.perMinuteTotals();
        assertThat(perMinute).hasSize(60);
        assertThat(perMinute[59]).isEqualTo(3);
        assertThat(perMinute[29]).isEqualTo(1);

        clock.move(Duration.ofMinutes(31));

        assertThat(state.reasons()).extracting(OpsState.ReasonCount::reason)
                .containsExactly("LINKED", "PROVIDER_UNAVAILABLE");
        assertThat(state.reasons()).allMatch(c -> c.lastFiveMinutes() == 0);
    }

    @Test
    void should_keep_the_latest_twenty_failures_newest_first_without_messages() {
        for (int i = 0; i < 25; i++) {
            see(failed("acc-" + i, FailureReason.TOKEN_INVALID));
        }

        List<OpsState.Failure> failures = state.latestFailures();

        assertThat(failures).hasSize(20);
        assertThat(failures.get(0).accountId()).isEqualTo("acc-24");
        assertThat(failures.get(19).accountId()).isEqualTo("acc-5");
        assertThat(failures.get(0).toString()).doesNotContain("advice");
    }

    private void see(Object outcome) {
        if (outcome instanceof AccountLinked) {
            state.rendered((AccountLinked) outcome, renderer.render((AccountLinked) outcome));
        } else {
            state.rendered((LinkFailed) outcome, renderer.render((LinkFailed) outcome));
        }
    }

    private static AccountLinked linked(String account) {
        return AccountLinked.newBuilder().setEventId("e-" + account).setRequestId("r-" + account).setTenantId("t-1")
                .setAccountId(account).setWorkspaceId("9012345678").setWorkspaceName("W")
                .setAuthorizedWorkspaces(List.of()).setUser(null).setRole(Role.OWNER).setTokenFingerprint("fp")
                .setPurpose(Purpose.LINK).setValidatedAt(Instant.EPOCH).build();
    }

    private static LinkFailed failed(String account, FailureReason reason) {
        return LinkFailed.newBuilder().setEventId("e-" + account).setRequestId("r-" + account).setTenantId("t-1")
                .setAccountId(account).setWorkspaceId("9012345678").setReason(reason).setRetryable(false)
                .setProviderCode(null).setUserMessage("advice").setAuthorizedWorkspaces(null)
                .setPurpose(Purpose.LINK).setFailedAt(Instant.EPOCH).build();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

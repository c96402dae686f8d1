package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hublink.events.FailureReason;
import io.hublink.events.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class VerdictRulesTest {

    private static final TokenOwner OWNER = new TokenOwner("42", "Jane", "jane@example.com");

    @ParameterizedTest(name = "role {0} -> {1}")
    @CsvSource({"1,OWNER", "2,ADMIN", "3,MEMBER", "4,GUEST", "0,UNKNOWN", "5,UNKNOWN", "-1,UNKNOWN"})
    void should_take_the_role_of_the_member_who_owns_the_token(int clickUpRole, Role role) {
        // given
        List<TeamInfo> teams = List.of(new TeamInfo("900", "W", List.of(
                new TeamMember("7", 1), new TeamMember("42", clickUpRole))));

        // when
        Verdict verdict = VerdictRules.decide(teams, "900", Optional.of(OWNER));

        // then
        assertThat(((Verdict.Linked) verdict).role()).isEqualTo(role);
    }

    @Test
    void should_link_with_unknown_role_without_an_owner_or_when_the_owner_is_not_listed() {
        // given
        List<TeamInfo> teams = List.of(new TeamInfo("900", "W", List.of(new TeamMember("7", 1))));

        // then
        assertThat(VerdictRules.decide(teams, "900", Optional.empty()))
                .isEqualTo(new Verdict.Linked("900", "W", List.of(new WorkspaceRef("900", "W")),
                        Optional.empty(), Role.UNKNOWN));
        assertThat(((Verdict.Linked) VerdictRules.decide(teams, "900", Optional.of(OWNER))).role())
                .isEqualTo(Role.UNKNOWN);
    }

    @Test
    void should_compare_workspace_ids_as_text() {
        // given leading zeros are part of the id
        List<TeamInfo> teams = List.of(new TeamInfo("0900", "W", List.of()));

        // then
        assertThat(VerdictRules.decide(teams, "900", Optional.empty())).isInstanceOf(Verdict.Failed.class);
    }

    @Test
    void should_settle_nothing_on_rate_limits_or_trouble() {
        assertThat(VerdictRules.settledBy(new RateLimited(Optional.of(Instant.EPOCH)), "900", Optional.empty()))
                .isEmpty();
        assertThat(VerdictRules.settledBy(new ProviderTrouble("server error 503"), "900", Optional.empty()))
                .isEmpty();
    }

    @Test
    void should_name_a_missed_deadline_after_the_last_trouble() {
        assertThat(VerdictRules.deadlinePassed(Optional.of(new RateLimited(Optional.empty()))))
                .isEqualTo(Verdict.Failed.providerTrouble(FailureReason.PROVIDER_RATE_LIMITED));
        assertThat(VerdictRules.deadlinePassed(Optional.of(new ProviderTrouble("x"))))
                .isEqualTo(new Verdict.Failed(FailureReason.PROVIDER_UNAVAILABLE, true, Optional.empty(),
                        Optional.empty()));
        assertThat(VerdictRules.deadlinePassed(Optional.empty()).reason())
                .isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void should_make_only_provider_trouble_retryable() {
        for (FailureReason reason : FailureReason.values()) {
            boolean trouble = reason == FailureReason.PROVIDER_UNAVAILABLE
                    || reason == FailureReason.PROVIDER_RATE_LIMITED;
            assertThat(Verdict.Failed.of(reason).retryable()).as(reason.name()).isEqualTo(trouble);
        }
        assertThatThrownBy(() -> Verdict.Failed.providerTrouble(FailureReason.TOKEN_INVALID))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

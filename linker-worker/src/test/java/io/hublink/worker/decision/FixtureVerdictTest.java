package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.FailureReason;
import io.hublink.events.Role;
import io.hublink.worker.fixtures.ClickUpFixture;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded ClickUp answer, as {@code /team}'s answer, and what it means: DESIGN's verdict table row by row. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FixtureVerdictTest {

    /** One minute before the 429 fixture's X-RateLimit-Reset (1767225660). */
    private static final Instant NOW = Instant.ofEpochSecond(1767225600);
    private static final String WORKSPACE = "9012345678";
    private static final Optional<TokenOwner> JANE =
            Optional.of(new TokenOwner("12345678", "Jane Example", "jane@example.com"));

    enum Breaker { SUCCESS, FAILURE }

    /** fixture | answer kind | settled reason (null = linked; "-" = not settled) | retryable | the breaker sees. */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("get-team-200", TeamAnswer.Teams.class, null, false, Breaker.SUCCESS),
                Arguments.of("get-team-200-no-workspaces", TeamAnswer.Teams.class,
                        FailureReason.WORKSPACE_NOT_AUTHORIZED, false, Breaker.SUCCESS),
                Arguments.of("get-team-200-official-example", TeamAnswer.Teams.class,
                        FailureReason.WORKSPACE_NOT_AUTHORIZED, false, Breaker.SUCCESS),
                Arguments.of("error-401-oauth-token-not-found-OAUTH_019", CredentialsRejected.class,
                        FailureReason.TOKEN_INVALID, false, Breaker.SUCCESS),
                Arguments.of("error-401-token-invalid-OAUTH_025", CredentialsRejected.class,
                        FailureReason.TOKEN_INVALID, false, Breaker.SUCCESS),
                Arguments.of("error-401-team-not-authorized-OAUTH_023", CredentialsRejected.class,
                        FailureReason.TOKEN_NOT_AUTHORIZED, false, Breaker.SUCCESS),
                Arguments.of("error-401-team-not-authorized-OAUTH_027", CredentialsRejected.class,
                        FailureReason.TOKEN_NOT_AUTHORIZED, false, Breaker.SUCCESS),
                Arguments.of("error-400-authorization-header-required-OAUTH_017", CredentialsRejected.class,
                        FailureReason.TOKEN_MALFORMED, false, Breaker.SUCCESS),
                Arguments.of("error-429-rate-limited-APP_002", RateLimited.class,
                        FailureReason.PROVIDER_RATE_LIMITED, true, Breaker.SUCCESS));
    }

    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @MethodSource("fixtures")
    void should_mean_what_the_design_table_says(String name, Class<?> kind, FailureReason reason,
                                                 boolean retryable, Breaker breaker) {
        // given
        ClickUpFixture fixture = ClickUpFixture.load(name);

        // when
        TeamAnswer answer = ClickUpAnswers.team(fixture.status(), fixture.body(), fixture.headerLookup(), NOW);
        Verdict verdict = VerdictRules.settledBy(answer, WORKSPACE, JANE)
                .orElseGet(() -> VerdictRules.deadlinePassed(Optional.of(answer)));

        // then
        assertThat(answer).isInstanceOf(kind);
        assertThat(answer.isProviderTrouble()).isEqualTo(breaker == Breaker.FAILURE);
        if (reason == null) {
            assertThat(verdict).isInstanceOf(Verdict.Linked.class);
        } else {
            assertThat(verdict).isInstanceOf(Verdict.Failed.class);
            assertThat(((Verdict.Failed) verdict).reason()).isEqualTo(reason);
            assertThat(((Verdict.Failed) verdict).retryable()).isEqualTo(retryable);
        }
    }

    @Test
    void should_carry_the_ecode_of_a_rejected_token() {
        // given
        ClickUpFixture fixture = ClickUpFixture.load("error-401-token-invalid-OAUTH_025");

        // when
        TeamAnswer answer = ClickUpAnswers.team(fixture.status(), fixture.body(), fixture.headerLookup(), NOW);

        // then
        assertThat(answer).isEqualTo(new CredentialsRejected(401, "OAUTH_025", FailureReason.TOKEN_INVALID));
        assertThat(VerdictRules.settledBy(answer, WORKSPACE, JANE)).contains(
                new Verdict.Failed(FailureReason.TOKEN_INVALID, false, Optional.of("OAUTH_025"), Optional.empty()));
    }

    @Test
    void should_link_the_owner_of_the_first_workspace_as_owner_with_every_reachable_workspace() {
        // given
        ClickUpFixture fixture = ClickUpFixture.load("get-team-200");

        // when
        TeamAnswer answer = ClickUpAnswers.team(fixture.status(), fixture.body(), fixture.headerLookup(), NOW);
        Verdict verdict = VerdictRules.settledBy(answer, WORKSPACE, JANE).orElseThrow();

        // then
        assertThat(verdict).isEqualTo(new Verdict.Linked(WORKSPACE, "Example Workspace",
                List.of(new WorkspaceRef("9012345678", "Example Workspace"),
                        new WorkspaceRef("1234567", "Old Small Workspace")),
                JANE, Role.OWNER));
    }

    @Test
    void should_read_member_roles_and_numeric_user_ids_as_text() {
        // given
        ClickUpFixture fixture = ClickUpFixture.load("get-team-200");

        // when
        TeamAnswer.Teams teams = (TeamAnswer.Teams) ClickUpAnswers.team(
                fixture.status(), fixture.body(), fixture.headerLookup(), NOW);

        // then
        assertThat(teams.teams().get(0).members()).containsExactly(
                new TeamMember("12345678", 1), new TeamMember("87654321", 3), new TeamMember("11223344", 4));
        assertThat(teams.teams().get(1).members()).containsExactly(new TeamMember("12345678", 2));
    }

    @Test
    void should_not_authorize_a_workspace_the_token_cannot_reach_and_list_those_it_can() {
        // given
        ClickUpFixture fixture = ClickUpFixture.load("get-team-200-official-example");

        // when
        TeamAnswer answer = ClickUpAnswers.team(fixture.status(), fixture.body(), fixture.headerLookup(), NOW);
        Verdict verdict = VerdictRules.settledBy(answer, WORKSPACE, Optional.empty()).orElseThrow();

        // then
        assertThat(verdict).isEqualTo(Verdict.Failed.workspaceNotAuthorized(
                List.of(new WorkspaceRef("1234", "My ClickUp Workspace"))));
    }

    @Test
    void should_link_with_unknown_role_when_members_carry_no_role() {
        // given
        ClickUpFixture fixture = ClickUpFixture.load("get-team-200-official-example");
        TeamAnswer answer = ClickUpAnswers.team(fixture.status(), fixture.body(), fixture.headerLookup(), NOW);

        // when
        Verdict verdict = VerdictRules.settledBy(answer, "1234",
                Optional.of(new TokenOwner("123", "John Doe", null))).orElseThrow();

        // then
        assertThat(((Verdict.Linked) verdict).role()).isEqualTo(Role.UNKNOWN);
    }

    @Test
    void should_wait_until_the_rate_limit_reset() {
        // given
        ClickUpFixture fixture = ClickUpFixture.load("error-429-rate-limited-APP_002");

        // when
        TeamAnswer answer = ClickUpAnswers.team(fixture.status(), fixture.body(), fixture.headerLookup(), NOW);

        // then X-RateLimit-Reset wins over Retry-After
        assertThat(answer).isEqualTo(new RateLimited(Optional.of(Instant.ofEpochSecond(1767225660))));
    }

    @Test
    void should_identify_the_token_owner_from_get_user() {
        // given
        ClickUpFixture fixture = ClickUpFixture.load("get-user-200");

        // when
        UserAnswer answer = ClickUpAnswers.user(fixture.status(), fixture.body(), fixture.headerLookup(), NOW);

        // then
        assertThat(answer).isEqualTo(new UserAnswer.Identified(JANE.get()));
    }

    @Test
    void should_read_user_rejections_like_team_rejections() {
        // given
        ClickUpFixture fixture = ClickUpFixture.load("error-401-oauth-token-not-found-OAUTH_019");

        // when
        UserAnswer answer = ClickUpAnswers.user(fixture.status(), fixture.body(), fixture.headerLookup(), NOW);

        // then
        assertThat(answer).isEqualTo(new CredentialsRejected(401, "OAUTH_019", FailureReason.TOKEN_INVALID));
    }
}

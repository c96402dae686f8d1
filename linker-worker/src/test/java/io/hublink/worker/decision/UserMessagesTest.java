package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.FailureReason;
import io.hublink.events.Role;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UserMessagesTest {

    private static final String TOKEN = "pk_12345678_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE";

    @ParameterizedTest
    @EnumSource(FailureReason.class)
    void should_word_every_reason_without_ever_showing_a_token(FailureReason reason) {
        // given a user who pasted the token into the workspace field
        Verdict.Failed failed = Verdict.Failed.of(reason);

        // when
        String message = UserMessages.forFailure(failed, TOKEN);

        // then
        assertThat(message).isNotBlank().doesNotContain(TOKEN).doesNotContain("FAKE").doesNotContain("pk_1");
    }

    @Test
    void should_tell_where_to_copy_a_regenerated_token() {
        assertThat(UserMessages.forFailure(Verdict.Failed.rejectedByProvider(FailureReason.TOKEN_INVALID,
                "OAUTH_025"), "9012345678"))
                .contains("regenerated")
                .contains("avatar → Settings → ClickUp API")
                .contains("paste it here again");
    }

    @Test
    void should_ask_for_only_the_pk_token_without_quotes_or_bearer() {
        assertThat(UserMessages.forFailure(Verdict.Failed.of(FailureReason.TOKEN_MALFORMED), "9012345678"))
                .contains("starts with pk_").contains("without quotes").contains("Bearer");
    }

    @Test
    void should_say_where_the_workspace_id_is_and_repeat_what_was_typed() {
        assertThat(UserMessages.forFailure(Verdict.Failed.of(FailureReason.WORKSPACE_ID_INVALID),
                "Example Workspace"))
                .contains("\"Example Workspace\" is not a ClickUp Workspace ID")
                .contains("the number right after app.clickup.com/ in your browser's address bar");
    }

    @Test
    void should_point_out_a_token_pasted_into_the_workspace_field() {
        assertThat(UserMessages.forFailure(Verdict.Failed.of(FailureReason.WORKSPACE_ID_INVALID), TOKEN))
                .contains("seems to hold an API token")
                .doesNotContain("pk_1").doesNotContain("FAKE");
    }

    @Test
    void should_list_the_workspaces_the_token_can_reach() {
        // given
        Verdict.Failed failed = Verdict.Failed.workspaceNotAuthorized(List.of(
                new WorkspaceRef("9012345678", "Example Workspace"), new WorkspaceRef("1234567", "Old")));

        // when
        String message = UserMessages.forFailure(failed, "5555555");

        // then
        assertThat(message).contains("This token cannot reach workspace 5555555")
                .contains("It can reach: Example Workspace (9012345678), Old (1234567)");
    }

    @Test
    void should_say_when_the_token_reaches_no_workspace_at_all() {
        assertThat(UserMessages.forFailure(Verdict.Failed.workspaceNotAuthorized(List.of()), "5555555"))
                .contains("cannot reach any workspace");
    }

    @Test
    void should_say_nothing_is_wrong_with_the_credentials_when_clickup_is_in_trouble() {
        assertThat(UserMessages.forFailure(Verdict.Failed.providerTrouble(FailureReason.PROVIDER_UNAVAILABLE), "1"))
                .contains("ClickUp is not available").contains("Nothing is wrong with your token")
                .contains("try again");
        assertThat(UserMessages.forFailure(Verdict.Failed.providerTrouble(FailureReason.PROVIDER_RATE_LIMITED), "1"))
                .contains("ClickUp is busy").contains("Nothing is wrong with your token");
    }

    @Test
    void should_confirm_a_link_with_workspace_owner_and_role() {
        // given
        Verdict.Linked linked = new Verdict.Linked("9012345678", "Example Workspace", List.of(),
                Optional.of(new TokenOwner("1", "Jane Example", "jane@example.com")), Role.ADMIN);

        // then
        assertThat(UserMessages.forLinked(linked)).isEqualTo("Your ClickUp account is linked to the workspace "
                + "\"Example Workspace\" (9012345678) as Jane Example (jane@example.com), admin.");
    }

    @Test
    void should_confirm_a_link_without_an_owner() {
        // given
        Verdict.Linked linked = new Verdict.Linked("9012345678", "Example Workspace", List.of(),
                Optional.empty(), Role.UNKNOWN);

        // then
        assertThat(UserMessages.forLinked(linked))
                .isEqualTo("Your ClickUp account is linked to the workspace \"Example Workspace\" (9012345678).");
    }
}

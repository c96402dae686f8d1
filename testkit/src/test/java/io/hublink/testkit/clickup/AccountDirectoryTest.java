package io.hublink.testkit.clickup;

import static io.hublink.testkit.clickup.TestAccounts.EXAMPLE_WORKSPACE;
import static io.hublink.testkit.clickup.TestAccounts.JANE;
import static io.hublink.testkit.clickup.TestAccounts.JANE_TOKEN;
import static io.hublink.testkit.clickup.TestAccounts.JOHN;
import static io.hublink.testkit.clickup.TestAccounts.JOHN_TOKEN;
import static io.hublink.testkit.clickup.TestAccounts.SMALL_WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** Workspace membership is indexed; the index must follow accounts as tests add, replace and revoke them. */
class AccountDirectoryTest {

    private final AccountDirectory directory = new AccountDirectory(TestAccounts.aScenario());

    @Test
    void should_list_every_member_of_a_workspace_with_their_role_there() {
        assertThat(directory.membersOf(EXAMPLE_WORKSPACE)).containsOnly(
                entry(JANE.user(), Workspace.OWNER),
                entry(JOHN.user(), Workspace.MEMBER));
        assertThat(directory.membersOf(SMALL_WORKSPACE)).containsOnlyKeys(JANE.user());
        assertThat(directory.membersOf("555")).isEmpty();
    }

    @Test
    void should_move_a_replaced_account_to_its_new_workspaces() {
        directory.add(Account.of(JOHN_TOKEN, JOHN.user(), Workspace.of("777", "Elsewhere", Workspace.ADMIN)));

        assertThat(directory.membersOf(EXAMPLE_WORKSPACE)).containsOnlyKeys(JANE.user());
        assertThat(directory.membersOf("777")).containsOnlyKeys(JOHN.user());
    }

    @Test
    void should_keep_a_user_once_whatever_number_of_tokens_they_hold() {
        directory.add(Account.of("pk_12345678_JANESECONDTOKENJANESECONDTOKEN12", JANE.user(),
                Workspace.of(EXAMPLE_WORKSPACE, "Example Workspace", Workspace.OWNER)));

        assertThat(directory.membersOf(EXAMPLE_WORKSPACE)).containsOnlyKeys(JANE.user(), JOHN.user());
    }

    @Test
    void should_keep_a_member_whose_token_was_revoked() {
        directory.revoke(JANE_TOKEN);

        assertThat(directory.membersOf(EXAMPLE_WORKSPACE)).containsKey(JANE.user());
    }
}

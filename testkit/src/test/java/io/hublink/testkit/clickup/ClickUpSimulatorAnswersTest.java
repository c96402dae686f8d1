package io.hublink.testkit.clickup;

import static io.hublink.testkit.clickup.TestAccounts.EXAMPLE_WORKSPACE;
import static io.hublink.testkit.clickup.TestAccounts.JANE;
import static io.hublink.testkit.clickup.TestAccounts.JANE_TOKEN;
import static io.hublink.testkit.clickup.TestAccounts.JOHN_TOKEN;
import static io.hublink.testkit.clickup.TestAccounts.REVOKED_TOKEN;
import static io.hublink.testkit.clickup.TestAccounts.SMALL_WORKSPACE;
import static io.hublink.testkit.clickup.TestAccounts.UNKNOWN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClickUpSimulatorAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClickUpSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = ClickUpSimulator.start(TestAccounts.aScenario(), 0);
        client = SimulatorClient.http11(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void should_list_every_workspace_of_the_token_with_its_user_among_the_members() throws Exception {
        // when
        HttpResponse<String> response = client.get("/api/v2/team", JANE_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode teams = JSON.readTree(response.body()).get("teams");
        assertThat(teams).hasSize(2);
        assertThat(teams.get(0).get("id").textValue()).isEqualTo(EXAMPLE_WORKSPACE);
        assertThat(teams.get(0).get("name").textValue()).isEqualTo("Example Workspace");
        assertThat(teams.get(1).get("id").textValue()).isEqualTo(SMALL_WORKSPACE);

        JsonNode owner = teams.get(0).get("members").get(0).get("user");
        assertThat(owner.get("id").longValue()).isEqualTo(12345678L);
        assertThat(owner.get("email").textValue()).isEqualTo("jane@example.com");
        assertThat(owner.get("role").intValue()).isEqualTo(Workspace.OWNER);
        assertThat(owner.get("initials").textValue()).isEqualTo("JE");
        JsonNode adminInSmall = teams.get(1).get("members").get(0).get("user");
        assertThat(adminInSmall.get("role").intValue()).isEqualTo(Workspace.ADMIN);
    }

    @Test
    void should_list_other_accounts_sharing_a_workspace_as_members_with_their_role() throws Exception {
        // when
        JsonNode members = JSON.readTree(client.get("/api/v2/team", JANE_TOKEN).body())
                .get("teams").get(0).get("members");

        // then
        List<String> roles = new ArrayList<>();
        members.forEach(m -> roles.add(m.get("user").get("username").textValue() + ":" + m.get("user").get("role")));
        assertThat(roles).containsExactly("Jane Example:1", "John Sample:3");
    }

    @Test
    void should_tell_who_owns_the_token() throws Exception {
        // when
        HttpResponse<String> response = client.get("/api/v2/user", JOHN_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = JSON.readTree(response.body()).get("user");
        assertThat(user.get("id").longValue()).isEqualTo(87654321L);
        assertThat(user.get("username").textValue()).isEqualTo("John Sample");
        assertThat(user.get("email").textValue()).isEqualTo("john@example.com");
    }

    @Test
    void should_answer_400_OAUTH_017_without_an_authorization_header() {
        // when
        HttpResponse<String> response = client.getWithoutToken("/api/v2/team");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"err\":\"Authorization header required\",\"ECODE\":\"OAUTH_017\"}");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertThat(simulator.unauthenticatedCalls()).isEqualTo(1);
    }

    @Test
    void should_answer_400_OAUTH_017_for_an_empty_authorization_header() {
        // when
        HttpResponse<String> response = client.get("/api/v2/user", "");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OAUTH_017");
    }

    @Test
    void should_answer_401_OAUTH_025_for_a_revoked_token() {
        // when
        HttpResponse<String> response = client.get("/api/v2/team", REVOKED_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"err\":\"Token invalid\",\"ECODE\":\"OAUTH_025\"}");
    }

    @Test
    void should_answer_401_OAUTH_019_for_an_unknown_token() {
        // when
        HttpResponse<String> response = client.get("/api/v2/user", UNKNOWN_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"err\":\"Oauth token not found\",\"ECODE\":\"OAUTH_019\"}");
    }

    @Test
    void should_treat_a_bearer_value_as_an_unknown_token() {
        // when
        HttpResponse<String> response = client.get("/api/v2/team", "Bearer " + JANE_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("OAUTH_019");
    }

    @Test
    void should_answer_404_with_a_json_error_for_an_unknown_path() throws Exception {
        // when
        HttpResponse<String> response = client.get("/api/v2/space", JANE_TOKEN);

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("err").isTextual()).isTrue();
        assertThat(body.get("ECODE").isTextual()).isTrue();
    }

    @Test
    void should_send_the_rate_limit_headers_on_every_answer_to_a_token() {
        // when
        HttpResponse<String> ok = client.get("/api/v2/team", JANE_TOKEN);
        HttpResponse<String> unknown = client.get("/api/v2/team", UNKNOWN_TOKEN);

        // then
        for (HttpResponse<String> response : List.of(ok, unknown)) {
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
            assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("99");
            assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
        }
    }

    @Test
    void should_refuse_a_token_once_it_is_revoked_like_regenerate_does() {
        // given
        assertThat(client.get("/api/v2/team", JANE_TOKEN).statusCode()).isEqualTo(200);

        // when
        simulator.revoke(JANE_TOKEN);

        // then
        HttpResponse<String> response = client.get("/api/v2/team", JANE_TOKEN);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("OAUTH_025");
    }

    @Test
    void should_accept_an_account_added_while_running() {
        // given
        String newToken = "pk_11111111_NEWNEWNEWNEWNEWNEWNEWNEWNEWNEWNE";

        // when
        simulator.addAccount(Account.of(newToken, JANE.user(), JANE.workspaces().get(0)));

        // then
        assertThat(client.get("/api/v2/team", newToken).statusCode()).isEqualTo(200);
    }

    @Test
    void should_list_a_member_who_joined_after_an_earlier_answer() throws Exception {
        // given an answer already given (the simulator keeps rendered bodies)
        client.get("/api/v2/team", JANE_TOKEN);

        // when someone joins Jane's Workspace
        simulator.addAccount(Account.of("pk_22222222_ANNANNANNANNANNANNANNANNANNANNAN",
                User.of(22222222, "Ann Later", "ann@example.com"),
                Workspace.of(EXAMPLE_WORKSPACE, "Example Workspace", Workspace.GUEST)));

        // then
        JsonNode members = JSON.readTree(client.get("/api/v2/team", JANE_TOKEN).body())
                .get("teams").get(0).get("members");
        List<String> names = new ArrayList<>();
        members.forEach(m -> names.add(m.get("user").get("username").textValue()));
        assertThat(names).containsExactlyInAnyOrder("Jane Example", "John Sample", "Ann Later");
    }

    @Test
    void should_answer_for_the_new_owner_of_a_token_given_again() throws Exception {
        // given
        client.get("/api/v2/user", JOHN_TOKEN);

        // when the token is given to another user
        simulator.addAccount(Account.of(JOHN_TOKEN, User.of(33333333, "Bo Other", "bo@example.com"),
                Workspace.of(EXAMPLE_WORKSPACE, "Example Workspace", Workspace.MEMBER)));

        // then
        JsonNode user = JSON.readTree(client.get("/api/v2/user", JOHN_TOKEN).body()).get("user");
        assertThat(user.get("username").textValue()).isEqualTo("Bo Other");
    }

    @Test
    void should_count_calls_per_token_in_all_and_without_token() {
        // given
        client.get("/api/v2/team", JANE_TOKEN);
        client.get("/api/v2/user", JANE_TOKEN);
        client.get("/api/v2/team", UNKNOWN_TOKEN);
        client.getWithoutToken("/api/v2/team");

        // then
        assertThat(simulator.callCount(JANE_TOKEN)).isEqualTo(2);
        assertThat(simulator.callCount(UNKNOWN_TOKEN)).isEqualTo(1);
        assertThat(simulator.callCount(JOHN_TOKEN)).isZero();
        assertThat(simulator.totalCalls()).isEqualTo(4);
        assertThat(simulator.unauthenticatedCalls()).isEqualTo(1);

        // when
        simulator.resetCounts();

        // then
        assertThat(simulator.totalCalls()).isZero();
        assertThat(simulator.callCount(JANE_TOKEN)).isZero();
    }
}

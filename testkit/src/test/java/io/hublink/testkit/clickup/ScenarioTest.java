package io.hublink.testkit.clickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScenarioTest {

    private static final String SECRET = "pk_55555555_SECRETSECRETSECRETSECRETSECRET";

    @Test
    void should_read_the_design_example_scenario_file() throws URISyntaxException {
        // given
        Path file = Path.of(ScenarioTest.class.getResource("/clickup/scenarios/design-example.json").toURI());

        // when
        Scenario scenario = Scenario.fromJson(file);

        // then
        assertThat(scenario.accounts()).hasSize(1);
        Account jane = scenario.accounts().get(0);
        assertThat(jane.user()).isEqualTo(User.of(12345678, "Jane Example", "jane@example.com"));
        assertThat(jane.workspaces()).containsExactly(
                Workspace.of("9012345678", "Example Workspace", Workspace.OWNER),
                Workspace.of("1234567", "Old Small Workspace", Workspace.ADMIN));
        assertThat(scenario.revokedTokens()).hasSize(1);
        assertThat(scenario.latency()).isEqualTo(Duration.ofMillis(100));
        assertThat(scenario.rateLimitPerMinute()).isEqualTo(100);
        assertThat(scenario.faults()).containsExactly(
                FaultWindow.of(Duration.ofSeconds(5), Duration.ofSeconds(20), Fault.ofStatus(503)),
                FaultWindow.of(Duration.ofSeconds(20), Duration.ofSeconds(25),
                        Fault.ofStatus(429).withHeader("Retry-After", "2")),
                FaultWindow.of(Duration.ofSeconds(30), Duration.ofSeconds(35), Fault.ofHang()),
                FaultWindow.of(Duration.ofSeconds(40), Duration.ofSeconds(45),
                        Fault.ofStatus(502).withBody("<html>Bad gateway</html>")),
                FaultWindow.of(Duration.ofSeconds(50), Duration.ofSeconds(55), Fault.ofDrop()),
                FaultWindow.of(Duration.ofSeconds(60), Duration.ofSeconds(70),
                        Fault.ofExtraLatency(Duration.ofSeconds(3))));
    }

    @Test
    void should_default_everything_but_the_accounts() {
        // when
        Scenario scenario = Scenario.fromJson("{}");

        // then
        assertThat(scenario).isEqualTo(Scenario.empty());
        assertThat(scenario.rateLimitPerMinute()).isEqualTo(100);
        assertThat(scenario.latency()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{'accounts':[{'user':{'id':1,'username':'a','email':'e'}}]}"
                + " | scenario: accounts[0].token is missing",
        "{'accounts':[{'token':'pk_1','user':{'id':1,'username':'a','email':'e'}},{'token':''}]}"
                + " | scenario: accounts[1].token is empty",
        "{'accounts':[{'token':'pk_1'}]}"
                + " | scenario: accounts[0].user is missing",
        "{'accounts':[{'token':'pk_1','user':{'id':'x','username':'a','email':'e'}}]}"
                + " | scenario: accounts[0].user.id must be a whole number",
        "{'accounts':[{'token':'pk_1','user':{'id':1,'username':'a','email':'e'},"
                + "'workspaces':[{'id':'9','name':'w','role':7}]}]}"
                + " | scenario: accounts[0].workspaces[0].role must be 1 (owner), 2 (admin), 3 (member) or 4 (guest)",
        "{'accounts':[{'token':'pk_1','user':{'id':1,'username':'a','email':'e'},"
                + "'workspaces':[{'id':9,'name':'w','role':1}]}]}"
                + " | scenario: accounts[0].workspaces[0].id must be a string",
        "{'accounts':[{'token':'pk_1','user':{'id':1,'username':'a','email':'e'},"
                + "'workspaces':[{'id':'ws-9','name':'w','role':1}]}]}"
                + " | scenario: accounts[0].workspaces[0].id must be a string of digits",
        "{'acounts':[]}"
                + " | scenario: acounts is not a known field (known: accounts, faults, latencyMs, rateLimitPerMinute,"
                + " revokedTokens)",
        "{'latencyMs':-1} | scenario: latencyMs must not be negative",
        "{'rateLimitPerMinute':0} | scenario: rateLimitPerMinute must be at least 1",
        "{'faults':[{'toSec':5,'status':503}]} | scenario: faults[0].fromSec is missing",
        "{'faults':[{'fromSec':5,'toSec':5,'status':503}]} | scenario: faults[0].toSec must be after fromSec",
        "{'faults':[{'fromSec':0,'toSec':5,'status':503,'hang':true}]}"
                + " | scenario: faults[0].status, hang and drop exclude each other: give one",
        "{'faults':[{'fromSec':0,'toSec':5,'body':'x'}]} | scenario: faults[0].body needs a status",
        "{'faults':[{'fromSec':0,'toSec':5}]}"
                + " | scenario: faults[0].does nothing: give a status, hang, drop, headers or extraLatencyMs",
        "{'faults':[{'fromSec':0,'toSec':5,'hang':'yes'}]} | scenario: faults[0].hang must be true or false",
        "{'faults':[{'fromSec':0,'toSec':5,'status':503,'headers':{'Retry-After':2}}]}"
                + " | scenario: faults[0].headers.Retry-After must be a string",
        "[] | scenario: must be a JSON object",
    })
    void should_reject_bad_input_naming_the_field(String json, String message) {
        assertThatThrownBy(() -> Scenario.fromJson(json.replace('\'', '"')))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void should_say_where_invalid_json_breaks_without_quoting_it() {
        assertThatThrownBy(() -> Scenario.fromJson("{\"accounts\":[{\"token\":\"" + SECRET + "\" \"user\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scenario: not valid JSON at line 1, column ")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void should_name_a_duplicate_token_without_showing_it() {
        String account = "{\"token\":\"" + SECRET + "\",\"user\":{\"id\":1,\"username\":\"a\",\"email\":\"e\"}}";

        assertThatThrownBy(() -> Scenario.fromJson("{\"accounts\":[" + account + "," + account + "]}"))
                .hasMessage("scenario: accounts[1].token duplicates accounts[0].token");
    }

    @Test
    void should_reject_a_token_with_spaces_without_showing_it() {
        String json = "{\"revokedTokens\":[\"pk_1 " + SECRET + "\"]}";

        assertThatThrownBy(() -> Scenario.fromJson(json))
                .hasMessage("scenario: revokedTokens[0] must be printable ASCII without spaces")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void should_never_show_a_token_in_to_string() {
        // given
        Scenario scenario = Scenario.empty()
                .withAccount(Account.of(SECRET, User.of(1, "a", "e"), Workspace.of("9", "w", Workspace.OWNER)))
                .withRevokedToken(SECRET + "x");

        // then
        assertThat(scenario.toString()).doesNotContain(SECRET).contains("[redacted]");
    }

    @Test
    void should_build_faults_with_named_factories() {
        assertThat(Fault.ofStatus(429).withHeader("Retry-After", "2")).isEqualTo(new Fault(
                OptionalInt.of(429), Map.of("Retry-After", "2"), Optional.empty(), false, false, Duration.ZERO));
        assertThatThrownBy(() -> Fault.ofHang().withBody("x")).hasMessage("body needs a status");
    }
}

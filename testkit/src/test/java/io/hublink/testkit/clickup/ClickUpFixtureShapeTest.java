package io.hublink.testkit.clickup;

import static io.hublink.testkit.clickup.TestAccounts.JANE_TOKEN;
import static io.hublink.testkit.clickup.TestAccounts.REVOKED_TOKEN;
import static io.hublink.testkit.clickup.TestAccounts.UNKNOWN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator's answers have the field names and JSON types of ClickUp's real answers (the fixtures under
 * {@code src/test/resources/clickup/fixtures}), so a client tested against the simulator parses ClickUp too.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClickUpFixtureShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClickUpSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = ClickUpSimulator.start(TestAccounts.aScenario().withRateLimitPerMinute(1), 0);
        client = SimulatorClient.http11(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void should_answer_team_in_the_shape_of_the_get_team_fixture() throws Exception {
        assertSameShape(client.get("/api/v2/team", JANE_TOKEN), "get-team-200.json");
    }

    @Test
    void should_answer_user_in_the_shape_of_the_get_user_fixture() throws Exception {
        assertSameShape(client.get("/api/v2/user", JANE_TOKEN), "get-user-200.json");
    }

    @Test
    void should_answer_a_missing_header_like_the_OAUTH_017_fixture() throws Exception {
        assertSameShape(client.getWithoutToken("/api/v2/team"),
                "error-400-authorization-header-required-OAUTH_017.json");
    }

    @Test
    void should_answer_an_unknown_token_like_the_OAUTH_019_fixture() throws Exception {
        assertSameShape(client.get("/api/v2/team", UNKNOWN_TOKEN), "error-401-oauth-token-not-found-OAUTH_019.json");
    }

    @Test
    void should_answer_a_revoked_token_like_the_OAUTH_025_fixture() throws Exception {
        assertSameShape(client.get("/api/v2/team", REVOKED_TOKEN), "error-401-token-invalid-OAUTH_025.json");
    }

    @Test
    void should_answer_over_the_limit_like_the_APP_002_fixture() throws Exception {
        client.get("/api/v2/team", JANE_TOKEN);
        assertSameShape(client.get("/api/v2/team", JANE_TOKEN), "error-429-rate-limited-APP_002.json");
    }

    /**
     * Same status, Content-Type, and body shape; errors also the same {@code err} and {@code ECODE}. The rate-limit
     * headers the fixture shows must be there too.
     */
    private static void assertSameShape(HttpResponse<String> actual, String fixtureName) throws IOException {
        JsonNode fixture = fixture(fixtureName).get("response");
        JsonNode expectedBody = fixture.get("body");
        JsonNode actualBody = JSON.readTree(actual.body());

        assertThat(actual.statusCode()).as("status").isEqualTo(fixture.get("status").intValue());
        assertThat(actual.headers().firstValue("Content-Type"))
                .hasValue(fixture.get("headers").get("Content-Type").textValue());
        fixture.get("headers").fieldNames().forEachRemaining(header -> {
            if (header.startsWith("X-RateLimit")) {
                assertThat(actual.headers().firstValue(header)).as(header).isPresent();
            }
        });
        assertThat(shapeOf(actualBody)).as("shape of the body").isEqualTo(shapeOf(expectedBody));
        if (expectedBody.has("ECODE")) {
            assertThat(actualBody).isEqualTo(expectedBody);
        }
    }

    /**
     * Field names and JSON types, recursively; an array's shape is its first element's (the fixtures' first team
     * and first member are the token's own, as the simulator's are).
     */
    private static Object shapeOf(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), shapeOf(field.getValue()));
            }
            return fields;
        }
        if (node.isArray()) {
            return node.isEmpty() ? "[]" : "[" + shapeOf(node.get(0)) + "]";
        }
        return node.isIntegralNumber() ? "integer" : node.getNodeType().name().toLowerCase();
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = ClickUpFixtureShapeTest.class.getResourceAsStream("/clickup/fixtures/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return JSON.readTree(in);
        }
    }
}

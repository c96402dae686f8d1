package io.hublink.app.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hublink.events.Purpose;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestFileTest {

    private static final String SECRET = "pk_99999999_REQUESTFILETESTSECRET000000000000";

    @Test
    void should_read_every_line_with_defaults_for_the_optional_fields() throws Exception {
        String file = "{\"tenantId\":\"t-1\",\"accountId\":\"acc-1\",\"token\":\"" + SECRET + "\",\"workspace\":\"9012345678\"}\n"
                + "\n"
                + "{\"tenantId\":\"t-1\",\"accountId\":\"acc-2\",\"token\":\"x\",\"workspace\":\"w\","
                + "\"requestId\":\"4b0c3a52-3c3e-4c8e-9c51-6c1b1e0b6a11\",\"purpose\":\"REVALIDATE\","
                + "\"deadline\":\"2026-12-03T15:00:00Z\"}\n";

        List<RequestLine> lines = RequestFile.read(new StringReader(file));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).purpose()).isEqualTo(Purpose.LINK);
        assertThat(lines.get(0).requestId()).isEmpty();
        assertThat(lines.get(0).deadline()).isEmpty();
        assertThat(lines.get(0).token().asHeaderValue()).isEqualTo(SECRET);
        assertThat(lines.get(1).lineNumber()).isEqualTo(3);
        assertThat(lines.get(1).purpose()).isEqualTo(Purpose.REVALIDATE);
        assertThat(lines.get(1).requestId()).contains("4b0c3a52-3c3e-4c8e-9c51-6c1b1e0b6a11");
        assertThat(lines.get(1).deadline()).contains(Instant.parse("2026-12-03T15:00:00Z"));
    }

    @Test
    void should_pass_odd_tokens_and_workspaces_on_exactly_as_given() throws Exception {
        String line = "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"  Bearer x\\r\\n\\u0000\",\"workspace\":\"   \"}";

        RequestLine parsed = RequestFile.read(new StringReader(line)).get(0);

        assertThat(parsed.token().asHeaderValue()).isEqualTo("  Bearer x\r\n\u0000");
        assertThat(parsed.workspace()).isEqualTo("   ");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "[1,2]|line 2: not a JSON object",
            "{\"accountId\":\"a\",\"token\":\"t\",\"workspace\":\"w\"}|line 2: missing tenantId",
            "{\"tenantId\":\"\",\"accountId\":\"a\",\"token\":\"t\",\"workspace\":\"w\"}|line 2: tenantId is empty",
            "{\"tenantId\":\"t\",\"accountId\":\"\",\"token\":\"t\",\"workspace\":\"w\"}|line 2: accountId is empty",
            "{\"tenantId\":\"t\",\"accountId\":\"a\",\"workspace\":\"w\"}|line 2: missing token",
            "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"t\"}|line 2: missing workspace",
            "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":7,\"workspace\":\"w\"}|line 2: token must be a string",
            "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"t\",\"workspace\":\"w\",\"requestId\":\"r-1\"}|line 2: requestId is not a UUID",
            "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"t\",\"workspace\":\"w\",\"purpose\":\"DELETE\"}|line 2: purpose must be LINK or REVALIDATE",
            "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"t\",\"workspace\":\"w\",\"deadline\":\"tomorrow\"}|line 2: deadline is not an ISO-8601 time such as 2026-12-03T15:00:00Z",
            "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"t\",\"workspaceId\":\"w\"}|line 2: unknown field \"workspaceId\" (expected tenantId, accountId, token, workspace, requestId, purpose, deadline)",
    })
    void should_refuse_the_whole_file_naming_the_line_and_the_field(String badLine, String expected) {
        String file = "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"t\",\"workspace\":\"w\"}\n" + badLine + "\n";

        assertThatThrownBy(() -> RequestFile.read(new StringReader(file)))
                .isInstanceOf(RequestFileException.class)
                .hasMessage(expected);
    }

    @Test
    void should_not_quote_the_input_when_a_line_is_not_json() {
        String broken = "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"" + SECRET + "\" \"workspace\":\"w\"}";

        assertThatThrownBy(() -> RequestFile.read(new StringReader(broken)))
                .isInstanceOf(RequestFileException.class)
                .hasMessageStartingWith("line 1: not valid JSON")
                .message().doesNotContain(SECRET).doesNotContain("pk_");
    }

    @Test
    void should_never_show_the_token_in_a_line_description() throws Exception {
        String line = "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"" + SECRET + "\",\"workspace\":\"w\"}";

        RequestLine parsed = RequestFile.read(new StringReader(line)).get(0);

        assertThat(parsed.toString()).doesNotContain(SECRET);
    }
}

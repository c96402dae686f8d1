package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** A token typed where an argument was expected is not echoed back in the error line. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BadParametersTest {

    private static final String TOKEN = "pk_81234567_BADPARAMETERSTEST000000000000";

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = HublinkCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void should_not_echo_a_token_given_as_a_stray_argument() {
        assertThat(run("worker", TOKEN)).isEqualTo(Errors.BAD_INPUT);

        assertThat(err.toString()).startsWith("error: Unmatched argument at index 1: '[redacted]'")
                .doesNotContain("BADPARAMETERS");
    }

    @Test
    void should_not_echo_a_token_given_to_an_unknown_option() {
        assertThat(run("request", "--file", "requests.jsonl", "--token=" + TOKEN)).isEqualTo(Errors.BAD_INPUT);

        assertThat(err.toString()).contains("'--token=[redacted]'").doesNotContain("BADPARAMETERS");
    }

    @Test
    void should_still_name_ordinary_mistakes() {
        assertThat(Errors.redactQuotedTokens("Unknown option: '--no-such-flag'"))
                .isEqualTo("Unknown option: '--no-such-flag'");
        assertThat(Errors.redactQuotedTokens("Invalid value for option '--port': 'abc' is not an int"))
                .isEqualTo("Invalid value for option '--port': 'abc' is not an int");
        assertThat(Errors.redactQuotedTokens("Unmatched arguments from index 1: 'Bearer', '" + TOKEN + "'"))
                .isEqualTo("Unmatched arguments from index 1: '[redacted]', '[redacted]'");
    }
}

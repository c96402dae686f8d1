package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input and bad configuration end in one clear line naming the setting, never a stack trace. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CliErrorsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = HublinkCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void should_name_the_missing_keyring_of_a_worker() {
        int exit = run("worker", "--bootstrap-servers", "127.0.0.1:1", "--keys", dir.resolve("absent.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: keyring ").contains("absent.json").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void should_name_the_missing_bootstrap_servers() {
        int exit = run("publisher", "--bootstrap-servers", "");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: bootstrap-servers: missing");
    }

    @Test
    void should_refuse_an_unknown_flag_in_one_line() {
        int exit = run("worker", "--no-such-flag");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("error: ");
    }

    @Test
    void should_refuse_a_bad_clickup_url() throws Exception {
        Path keys = dir.resolve("keys.json");
        assertThat(run("keys", "generate", "--out", keys.toString())).isZero();

        int exit = run("worker", "--bootstrap-servers", "127.0.0.1:1", "--keys", keys.toString(),
                "--clickup-url", "ftp://example.com");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("error: clickup-url: must be an http(s) URL");
    }

    @Test
    void should_refuse_a_transaction_timeout_that_is_not_a_duration() throws Exception {
        Path keys = dir.resolve("keys.json");
        assertThat(run("keys", "generate", "--out", keys.toString())).isZero();

        int exit = run("worker", "--bootstrap-servers", "127.0.0.1:1", "--keys", keys.toString(),
                "--transaction-timeout", "soon");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("error: ").contains("--transaction-timeout").contains("soon");
    }

    @Test
    void should_refuse_to_redrive_a_kind_that_already_has_an_outcome_before_touching_kafka() {
        int exit = run("dlq", "redrive", "--bootstrap-servers", "127.0.0.1:1", "--error", "ENVELOPE_UNREADABLE");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --error ENVELOPE_UNREADABLE: cannot be re-driven; the "
                + "re-drivable kinds are UNKNOWN_KEY_ID, UNKNOWN_FINGERPRINT, PROCESSING_ERROR" + System.lineSeparator());
    }

    @Test
    void should_refuse_a_bad_request_file_whole_before_touching_kafka() throws Exception {
        Path keys = dir.resolve("keys.json");
        assertThat(run("keys", "generate", "--out", keys.toString())).isZero();
        Path file = dir.resolve("requests.jsonl");
        Files.writeString(file, "{\"tenantId\":\"t\",\"accountId\":\"a\",\"token\":\"x\",\"workspace\":\"1\"}\n"
                + "{\"tenantId\":\"t\",\"accountId\":\"b\",\"workspace\":\"1\"}\n");

        // The broker address is unreachable: a refusal must come before any connection attempt.
        int exit = run("request", "--bootstrap-servers", "127.0.0.1:1", "--keys", keys.toString(),
                "--file", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: line 2: missing token" + System.lineSeparator());
    }

    @Test
    void should_not_overwrite_an_existing_keyring() throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "precious");

        int exit = run("keys", "generate", "--out", keys.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(Files.readString(keys)).isEqualTo("precious");
        assertThat(err.toString()).startsWith("error: ").contains(keys.toString());
    }
}

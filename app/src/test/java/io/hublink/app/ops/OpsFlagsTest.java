package io.hublink.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.HublinkCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator flags of issue 8 ({@code --ops-port}, {@code --webhooks}, {@code --templates}) refuse bad values in one
 * line naming the setting, before anything connects (the broker address here is unreachable).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpsFlagsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = HublinkCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void should_name_the_tenant_reason_and_placeholder_of_a_bad_template() throws Exception {
        Path templates = dir.resolve("templates.json");
        Files.writeString(templates, "{\"tenants\": {\"t-1\": {\"TOKEN_INVALID\": {\"message\": \"see {workspce}\"}}}}");

        int exit = run("publisher", "--bootstrap-servers", "127.0.0.1:1", "--templates", templates.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: templates " + templates
                + ": tenants.t-1.TOKEN_INVALID.message: unknown placeholder {workspce}");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void should_name_a_missing_webhooks_file_and_a_bad_url_without_quoting_secrets() throws Exception {
        assertThat(run("publisher", "--bootstrap-servers", "127.0.0.1:1", "--webhooks",
                dir.resolve("absent.json").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: webhooks " + dir.resolve("absent.json") + ": file not found\n");

        Path webhooks = dir.resolve("webhooks.json");
        Files.writeString(webhooks, "{\"tenants\": {\"t-1\": {\"url\": \"http://hooks.example.com/x\", "
                + "\"secrets\": [\"whsec-very-secret-value\"]}}}");
        err.getBuffer().setLength(0);

        assertThat(run("publisher", "--bootstrap-servers", "127.0.0.1:1", "--webhooks", webhooks.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("error: webhooks " + webhooks + ": tenants.t-1.url must be https")
                .doesNotContain("whsec");
    }

    @Test
    void should_refuse_a_bad_ops_port() {
        assertThat(run("publisher", "--bootstrap-servers", "127.0.0.1:1", "--ops-port", "70000")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: ops-port: must be 0 (any free port) to 65535, was 70000\n");

        err.getBuffer().setLength(0);
        assertThat(run("worker", "--ops-port", "nine")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: ").contains("--ops-port");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void should_ask_for_a_webhooks_subcommand() {
        assertThat(run("webhooks")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: a webhooks command is required (redrive)");
    }
}

package io.hublink.app.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.HublinkCommand;
import io.hublink.worker.clickup.BreakerSettings;
import io.hublink.worker.clickup.ClickUpTimeouts;
import io.hublink.worker.clickup.RetrySettings;
import io.hublink.worker.clickup.ValidatorSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The worker's breaker, retry, timeout and deadline flags: DESIGN's defaults, and one-line errors naming the flag. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResilienceOptionsTest {

    @TempDir
    Path dir;

    private static ResilienceOptions parse(String... args) {
        CommandLine commandLine = new CommandLine(new WorkerCommand());
        commandLine.parseArgs(args);
        return ((WorkerCommand) commandLine.getCommand()).resilience;
    }

    @Test
    void should_default_to_design_values() {
        // when
        ResilienceOptions options = parse();

        // then
        assertThat(options.validator()).isEqualTo(ValidatorSettings.ofDefaults());
        assertThat(options.validator().breaker()).isEqualTo(new BreakerSettings(20, 10, 50f, Duration.ofSeconds(2),
                50f, Duration.ofSeconds(10), true, Duration.ofSeconds(30), 3));
        assertThat(options.timeouts()).isEqualTo(ClickUpTimeouts.ofDefaults());
        assertThat(options.defaultDeadline()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void should_take_every_knob_from_its_flag() {
        // when
        ResilienceOptions options = parse("--breaker-window", "40", "--breaker-min-calls", "20",
                "--breaker-failure-rate", "60%", "--breaker-slow-call", "1500ms", "--breaker-slow-call-rate", "80",
                "--breaker-open", "1m", "--breaker-half-open-max", "PT45S", "--retry-initial", "1s",
                "--retry-max", "30s", "--clickup-call-timeout", "5s", "--token-calls-per-minute", "1000",
                "--default-deadline", "1h");

        // then
        ValidatorSettings validator = options.validator();
        assertThat(validator.breaker()).isEqualTo(new BreakerSettings(40, 20, 60f, Duration.ofMillis(1500), 80f,
                Duration.ofMinutes(1), true, Duration.ofSeconds(45), 3));
        assertThat(validator.retry()).isEqualTo(new RetrySettings(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30),
                0.5));
        assertThat(validator.perTokenPerMinute()).isEqualTo(1000);
        assertThat(options.timeouts().call()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.defaultDeadline()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--breaker-open|10x|error: breaker-open: not a duration: 10x, e.g. 500ms, 10s or 2m (flag --breaker-open or HUBLINK_BREAKER_OPEN)",
            "--breaker-slow-call|0s|error: breaker-slow-call: must be positive, was 0s (flag --breaker-slow-call or HUBLINK_BREAKER_SLOW_CALL)",
            "--breaker-min-calls|30|error: breaker-min-calls: must not exceed breaker-window (20), was 30 (flag --breaker-min-calls or HUBLINK_BREAKER_MIN_CALLS)",
            "--breaker-window|many|error: breaker-window: not a whole number: many (flag --breaker-window or HUBLINK_BREAKER_WINDOW)",
            "--breaker-failure-rate|0|error: breaker-failure-rate: must be more than 0 and at most 100, was 0 (flag --breaker-failure-rate or HUBLINK_BREAKER_FAILURE_RATE)",
            "--retry-max|100ms|error: retry-max: must be at least retry-initial (200ms), was 100ms (flag --retry-max or HUBLINK_RETRY_MAX)",
            "--token-calls-per-minute|0|error: token-calls-per-minute: must be at least 1, was 0 (flag --token-calls-per-minute or HUBLINK_TOKEN_CALLS_PER_MINUTE)",
    })
    void should_refuse_a_bad_value_in_one_line_naming_the_flag_before_touching_kafka(String flag, String value,
                                                                                      String error) {
        // given a keyring, and a broker address where nothing answers
        StringWriter err = new StringWriter();
        CommandLine commandLine = HublinkCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        Path keys = dir.resolve("keys.json");
        assertThat(commandLine.execute("keys", "generate", "--out", keys.toString())).isZero();

        // when
        int exit = commandLine.execute("worker", "--bootstrap-servers", "127.0.0.1:1", "--keys", keys.toString(),
                flag, value);

        // then
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(error + System.lineSeparator());
    }
}

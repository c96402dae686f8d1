package io.hublink.app.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.HublinkCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code hublink bench} refuses a bad value in one line naming its flag, before it starts anything. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BenchCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--requests|0|error: bench: --requests must be at least 1, was 0",
            "--warmup|-1|error: bench: --warmup must be at least 0, was -1",
            "--latency-ms|-5|error: bench: --latency-ms must be at least 0, was -5",
            "--max-in-flight|-1|error: bench: --max-in-flight must be at least 1, was -1",
            "--rate|-2|error: bench: --rate must be a number of requests a second, 0 or more (0: preload them all), was -2.0",
            "--rate|NaN|error: bench: --rate must be a number of requests a second, 0 or more (0: preload them all), was NaN",
            "--rate|Infinity|error: bench: --rate must be a number of requests a second, 0 or more (0: preload them all), was Infinity",
            "--mode|fast|error: bench: --mode must be pipelined or sequential, was fast",
    })
    void should_refuse_a_bad_value_in_one_line_naming_the_flag(String flag, String value, String error) {
        // given
        StringWriter err = new StringWriter();
        CommandLine commandLine = HublinkCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        // when
        int exit = commandLine.execute("bench", flag, value);

        // then
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(error + System.lineSeparator());
    }
}
